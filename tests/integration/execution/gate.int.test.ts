import { reconcileCompletedSchema, type ReconcileCompleted } from '@livegate/contracts';
import type { ExecutionService } from '@livegate/execution';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
let service: ExecutionService;
let startedAt: number;
beforeAll(async () => {
  s = await startStack();
  await s.setMode('LIVE');
  startedAt = Date.now();
  service = await s.startExecution({ settings: { requireReconcile: true } });
});
afterAll(async () => {
  await s.stop();
});

let runs = 0;
function completed(venue: 'paper' | 'live', startedAtMs: number): ReconcileCompleted {
  runs += 1;
  const at = new Date(startedAtMs).toISOString();
  return {
    runId: `run-${runs}`,
    trigger: 'execution-start',
    venue,
    startedAt: at,
    finishedAt: at,
    durationMs: 0,
    rowsChecked: 0,
    rowsChanged: {},
    fillsAdded: 0,
    externalOrders: 0,
    unresolved: 0,
    errors: [],
  };
}
const report = (run: ReconcileCompleted) =>
  s.bus.publish(s.bus.subjects.reconcileCompleted, reconcileCompletedSchema, run);
const logged = (text: string, id?: string) =>
  waitFor(`log "${text}"`, () =>
    s.logLines.some((l) => l.includes(text) && (id === undefined || l.includes(id))),
  );

describe('execution - live intake waits for the first reconcile after start', () => {
  it('holds live intents (paper flows), lets them go stale, and opens on a live run that started after this instance', async () => {
    expect(service.liveIntakeOpen()).toBe(false);
    const live = intent({ mode: 'live' });
    const expiring = intent({ mode: 'live', expiresAt: new Date(Date.now() + 300).toISOString() });
    const paper = intent();
    await s.publish(live);
    await s.publish(expiring);
    await s.publish(paper);
    await s.rowWhen(paper.intentId, (r) => r.state === 'NEW');
    await logged('live intent held until the live venue is reconciled', live.intentId);
    expect(await s.row(live.intentId)).toBeUndefined();
    expect(await s.rowWhen(expiring.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'STALE',
    });

    await report(completed('paper', Date.now()));
    await report(completed('live', startedAt - 1_000));
    await s.bus.nc.publish(s.bus.subjects.reconcileCompleted, '{"runId":"broken"}');
    await logged('invalid reconcile.completed ignored');
    await waitFor(
      'both runs to be seen',
      () => s.logLines.filter((l) => l.includes('does not open the live intake')).length === 2,
    );
    expect(service.liveIntakeOpen()).toBe(false);
    expect(await s.row(live.intentId)).toBeUndefined();

    await report(completed('live', Date.now()));
    const row = await s.rowWhen(live.intentId, (r) => r.state === 'NEW');
    expect(service.liveIntakeOpen()).toBe(true);
    expect((await s.simOrders('live')).map((o) => o.clientOrderId)).toEqual([row.client_order_id]);
  });
});
