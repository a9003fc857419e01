import type { ReconcileCompleted } from '@livegate/contracts';
import { createLogger } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { createScheduler, mergeAsks } from './scheduler.js';
import type { RunJob } from './tally.js';
import type { VenueName } from './venue.js';

const logger = createLogger({ service: 'reconciler-test', level: 'silent' });

/** A run function whose runs the test finishes by hand. */
function manualRuns() {
  const started: Array<{ venue: VenueName; job: RunJob; finish(fail?: Error): void }> = [];
  let n = 0;
  const run = (venue: VenueName, job: RunJob) =>
    new Promise<ReconcileCompleted>((resolve, reject) => {
      n += 1;
      const runId = `run-${n}`;
      started.push({
        venue,
        job,
        finish: (fail) =>
          fail === undefined ? resolve({ runId, venue } as ReconcileCompleted) : reject(fail),
      });
    });
  const next = async (count: number) => {
    for (let i = 0; i < 100 && started.length < count; i += 1) await Promise.resolve();
    return started[count - 1] as (typeof started)[number];
  };
  return { run, started, next };
}

describe('scheduler', () => {
  it('merges asks: first trigger, every request id, all symbols if any asked', () => {
    expect(
      mergeAsks([
        { trigger: 'startup', allSymbols: true },
        { trigger: 'operator', requestId: 'a' },
        { trigger: 'request', requestId: 'b', allSymbols: false },
      ]),
    ).toEqual({ trigger: 'startup', requestIds: ['a', 'b'], allSymbols: true });
    expect(mergeAsks([{ trigger: 'interval' }]).allSymbols).toBe(false);
  });

  it('runs one venue at a time and coalesces the asks made during a run into the next one', async () => {
    const m = manualRuns();
    const s = createScheduler({ run: m.run, logger });
    const first = s.request(['paper'], { trigger: 'startup', allSymbols: true });
    const run1 = await m.next(1);
    const second = s.request(['paper'], { trigger: 'operator', requestId: 'r1' });
    const third = s.request(['paper'], { trigger: 'request', requestId: 'r2' });
    expect(m.started).toHaveLength(1);
    run1.finish();
    expect((await first).map((r) => r.runId)).toEqual(['run-1']);
    const run2 = await m.next(2);
    expect(run2.job).toEqual({ trigger: 'operator', requestIds: ['r1', 'r2'], allSymbols: false });
    run2.finish();
    expect((await second).map((r) => r.runId)).toEqual(['run-2']);
    expect((await third).map((r) => r.runId)).toEqual(['run-2']);
    await s.idle();
    expect(m.started).toHaveLength(2);
  });

  it('runs different venues side by side and reports per venue', async () => {
    const m = manualRuns();
    const s = createScheduler({ run: m.run, logger });
    const both = s.request(['live', 'paper'], { trigger: 'interval' });
    const live = await m.next(1);
    const paper = await m.next(2);
    expect([live.venue, paper.venue]).toEqual(['live', 'paper']);
    paper.finish();
    live.finish();
    expect((await both).map((r) => r.venue)).toEqual(['live', 'paper']);
  });

  it('rejects the asks of a run that could not run, and keeps serving later asks', async () => {
    const m = manualRuns();
    const s = createScheduler({ run: m.run, logger });
    const failing = s.request(['paper'], { trigger: 'interval' });
    (await m.next(1)).finish(new Error('database down'));
    await expect(failing).rejects.toThrow('database down');
    const later = s.request(['paper'], { trigger: 'interval' });
    (await m.next(2)).finish();
    expect(await later).toHaveLength(1);
  });

  it('is idle at once with nothing to do, and after every queued run otherwise', async () => {
    const m = manualRuns();
    const s = createScheduler({ run: m.run, logger });
    await s.idle();
    void s.request(['paper'], { trigger: 'interval' });
    const idle = s.idle();
    const run1 = await m.next(1);
    void s.request(['paper'], { trigger: 'interval' });
    run1.finish();
    (await m.next(2)).finish();
    await idle;
    expect(m.started).toHaveLength(2);
  });
});
