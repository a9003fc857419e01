import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

const N = 500;
let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution({ settings: { concurrency: 16 } });
  await s.startExecution({ settings: { concurrency: 16 } });
});
afterAll(async () => {
  await s.stop();
});

describe('execution - two instances side by side', () => {
  it(`${N} intents each published twice (other msgIds), interleaved: exactly ${N} exchange orders`, async () => {
    // IOC far below the price: each order expires at once, so the account never hits MAX_NUM_ORDERS.
    const intents = Array.from({ length: N }, () => intent({ timeInForce: 'IOC' }));
    const messages = intents.flatMap((i, k) => {
      const earlier = intents[k - 1];
      return earlier === undefined
        ? [[i, 'a'] as const]
        : [[i, 'a'] as const, [earlier, 'b'] as const];
    });
    messages.push([intents[N - 1]!, 'b']);
    for (let at = 0; at < messages.length; at += 100) {
      await Promise.all(
        messages.slice(at, at + 100).map(([i, copy]) => s.publish(i, `${i.intentId}-${copy}`)),
      );
    }

    const ids = intents.map((i) => i.intentId);
    await waitFor(
      `${N} settled rows`,
      async () => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from execution.orders
          where intent_id = any(${ids}) and state = 'EXPIRED'`.execute(s.t.db);
        return rows[0]?.n === N;
      },
      { timeoutMs: 90_000, everyMs: 200 },
    );
    await waitFor(
      `a republished outcome for each of the ${N} second copies`,
      () => s.events.events.filter((e) => e.type === 'order.updated').length >= N,
      { timeoutMs: 60_000, everyMs: 100 },
    );

    const orders = await s.simOrders('paper');
    expect(orders).toHaveLength(N);
    expect(new Set(orders.map((o) => o.clientOrderId)).size).toBe(N);
    await waitFor(
      `${N} order.submitted events`,
      () => s.events.events.filter((e) => e.type === 'order.submitted').length === N,
    );
    const placedBy = (instance: number) =>
      s.logLines.filter(
        (l) => l.includes(`"instance":${instance},`) && l.includes('order is on the venue'),
      ).length;
    expect(placedBy(1) + placedBy(2)).toBe(N);
    expect(placedBy(1)).toBeGreaterThan(0);
    expect(placedBy(2)).toBeGreaterThan(0);
  }, 180_000);
});
