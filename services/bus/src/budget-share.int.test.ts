import { randomBytes } from 'node:crypto';
import { createLogger } from '@livegate/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { createBudgetShare } from './budget-share.js';
import { connectBus, type Bus } from './bus.js';

const logger = createLogger({ service: 'test', level: 'silent' });
const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const opened: Bus[] = [];
afterEach(async () => {
  for (const bus of opened.splice(0)) await bus.close();
});

async function pair() {
  const namespace = `share${randomBytes(4).toString('hex')}`;
  const a = await connectBus({ url, name: 'share-a', logger, namespace });
  const b = await connectBus({ url, name: 'share-b', logger, namespace });
  opened.push(a, b);
  return { a, b };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise<void>((r) => setImmediate(r));
  }
}

describe('budget share', () => {
  it("carries one instance's notes to another on the same venue only, and drops junk", async () => {
    const { a, b } = await pair();
    const got: unknown[] = [];
    const other: unknown[] = [];
    const stop = createBudgetShare(b, 'paper', logger).subscribe((n) => got.push(n));
    createBudgetShare(b, 'live', logger).subscribe((n) => other.push(n));
    await b.nc.flush();
    const share = createBudgetShare(a, 'paper', logger);
    a.nc.publish(a.subjects.venueBudget('paper'), 'not json');
    a.nc.publish(a.subjects.venueBudget('paper'), JSON.stringify({ usedWeight: -3 }));
    share.publish({ usedWeight: 120, orderCount10s: 4 });
    share.publish({ stopUntil: 1_800_000_000_000 });
    await until(() => got.length === 2);
    expect(got).toEqual([{ usedWeight: 120, orderCount10s: 4 }, { stopUntil: 1_800_000_000_000 }]);
    expect(other).toEqual([]);
    stop();
    await b.nc.flush();
    share.publish({ usedWeight: 1 });
    await a.nc.flush();
    await b.nc.flush();
    expect(got).toHaveLength(2);
  });

  it('publishing on a closed connection does nothing', async () => {
    const { a } = await pair();
    const share = createBudgetShare(a, 'paper', logger);
    await a.close();
    expect(() => share.publish({ usedWeight: 1 })).not.toThrow();
  });
});
