import { randomBytes } from 'node:crypto';
import type { BalancesStored } from '@livegate/contracts';
import { createLogger } from '@livegate/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { connectBus, type Bus } from './bus.js';
import { publishBalancesStored, subscribeBalancesStored } from './money-notice.js';

const logger = createLogger({ service: 'test', level: 'silent' });
const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const opened: Bus[] = [];
afterEach(async () => {
  for (const bus of opened.splice(0)) await bus.close();
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise<void>((r) => setImmediate(r));
  }
}

describe('balances notices', () => {
  it("carry execution's notice of every venue to a listener, and drop junk", async () => {
    const namespace = `money${randomBytes(4).toString('hex')}`;
    const a = await connectBus({ url, name: 'money-a', logger, namespace });
    const b = await connectBus({ url, name: 'money-b', logger, namespace });
    opened.push(a, b);
    const got: BalancesStored[] = [];
    const stop = subscribeBalancesStored(b, logger, (n) => got.push(n));
    await b.nc.flush();
    a.nc.publish(a.subjects.moneyBalances('paper'), 'not json');
    a.nc.publish(a.subjects.moneyBalances('paper'), JSON.stringify({ venue: 'demo' }));
    publishBalancesStored(a, { venue: 'paper', takenAt: '2026-12-06T05:00:00.000Z' });
    publishBalancesStored(a, { venue: 'live', takenAt: '2026-12-06T05:00:01.000Z' });
    await until(() => got.length === 2);
    expect(got).toEqual([
      { venue: 'paper', takenAt: '2026-12-06T05:00:00.000Z' },
      { venue: 'live', takenAt: '2026-12-06T05:00:01.000Z' },
    ]);
    stop();
    await a.close();
    // A closed connection publishes nothing and does not throw.
    expect(() =>
      publishBalancesStored(a, { venue: 'paper', takenAt: '2026-12-06T05:00:02.000Z' }),
    ).not.toThrow();
  });
});
