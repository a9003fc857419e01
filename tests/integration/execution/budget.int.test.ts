import { get } from 'node:http';
import type { CrashPoint } from '@livegate/execution';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

/**
 * Issue 12: after its fenced step an order waits for the shared request budget only within the send
 * budget (2 s in these tests). A 429 with a Retry-After longer than that, seen by another client of
 * the venue while the order is held after its fence, stops the send: the row is NOT_PLACED with
 * RATE_LIMITED and no order request ever reaches the venue.
 */
let s: Stack;
let held: { reached: () => void; release: Promise<void> } | undefined;

beforeAll(async () => {
  s = await startStack();
  await s.startExecution({
    crash: async (point: CrashPoint) => {
      if (held === undefined || point !== 'after-fence-commit') return;
      held.reached();
      await held.release;
    },
  });
});
afterAll(() => s.stop());

describe('execution - the shared request budget after the fenced step', () => {
  it('a Retry-After longer than the send budget: NOT_PLACED RATE_LIMITED, never sent', async () => {
    let reached!: () => void;
    let release!: () => void;
    const atFence = new Promise<void>((r) => (reached = r));
    held = { reached, release: new Promise<void>((r) => (release = r)) };
    const posts = async () =>
      (await s.sim.admin.requests()).filter(
        (r) => r.method === 'POST' && r.path === '/api/v3/order',
      ).length;

    const i = intent();
    await s.publish(i);
    await atFence;
    const before = await posts();
    // Another client of the venue meets a 429 asking everyone to wait 5 s.
    await s.sim.admin.injectFault({ kind: 'rate-limit', path: '/api/v3/ping', delayMs: 5_000 });
    // node:http (as binance-api-node's requests), so the budget sees the answer as one of the venue's.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      get(`${s.sim.url}/api/v3/ping`, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      }).on('error', reject),
    );
    expect(status).toBe(429);
    held = undefined;
    release();

    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NOT_PLACED', 8_000);
    expect(row).toMatchObject({ reject_code: 'RATE_LIMITED' });
    expect(row.reject_message).toMatch(/budget/);
    expect(await posts()).toBe(before);
    await waitFor('the rejection event', () =>
      s.logLines.some((l) => l.includes(i.intentId) && l.includes('budget stayed used up')),
    );
  });
});
