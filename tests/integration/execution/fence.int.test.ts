import type { CrashPoint } from '@livegate/execution';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  intent,
  marketBuy,
  startArming,
  startStack,
  waitFor,
  type Arming,
  type Stack,
} from './fixture.js';

/**
 * Issue 10, hole 1: a kill, disarm or expiry that commits while the pre-trade venue reads run (after
 * the intent was stored) must stop the order. The reference-price read is held 1.5 s, so the stop
 * commits between the storing transaction and the send.
 */
let s: Stack;
let arming: Arming;
/** Test hook at the crash points: `pause` holds the handler at its point until released. */
let pause: { point: CrashPoint; reached: () => void; release: Promise<void> } | undefined;

beforeAll(async () => {
  s = await startStack();
  await s.startExecution({
    crash: async (point: CrashPoint) => {
      if (pause === undefined || point !== pause.point) return;
      pause.reached();
      await pause.release;
    },
  });
  arming = await startArming(s);
});
afterAll(async () => {
  await arming.stop();
  await s.stop();
});
beforeEach(async () => {
  pause = undefined;
  await arming.call('release', { operator: 'alice', reason: 'Next case.' });
  await arming.call('disarm', { operator: 'alice', reason: 'Next case.' });
});

const ORDER = '/api/v3/order';
const posts = async () =>
  (await s.sim.admin.requests({ apiKey: s.live.apiKey })).filter(
    (r) => r.method === 'POST' && r.path === ORDER,
  ).length;
const slowReferencePrice = () =>
  s.sim.admin.injectFault({
    kind: 'latency',
    path: '/api/v3/ticker/price',
    method: 'GET',
    count: 1,
    delayMs: 1_500,
  });
const liveOrders = async (clientOrderId: string) =>
  (await s.simOrders('live')).filter((o) => o.clientOrderId === clientOrderId);

function hold(point: CrashPoint) {
  let reached!: () => void;
  let release!: () => void;
  const atFence = new Promise<void>((r) => (reached = r));
  pause = { point, reached, release: new Promise<void>((r) => (release = r)) };
  return { atFence, release: () => release() };
}
const stealLease = (intentId: string, expiresInMs: number) =>
  s.t.db
    .updateTable('execution.orders')
    .set({ lease_holder: 'thief', lease_expires_at: new Date(Date.now() + expiresInMs) })
    .where('intent_id', '=', intentId)
    .execute();

describe('execution - the fenced send: a stop that commits during the pre-trade reads wins', () => {
  it('kill: the order is never sent (REJECTED HALTED in the fenced step)', async () => {
    await arming.arm();
    await slowReferencePrice();
    const i = marketBuy({ mode: 'live' });
    const before = await posts();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'SUBMITTING');
    expect((await arming.call('kill', { operator: 'alice', reason: 'Kill mid reads.' })).ok).toBe(
      true,
    );
    const row = await s.rowWhen(i.intentId, (r) => r.state !== 'SUBMITTING');
    expect(row).toMatchObject({ state: 'REJECTED', reject_code: 'HALTED', last_sent_at: null });
    expect(await posts()).toBe(before);
    expect(await liveOrders(row.client_order_id)).toEqual([]);
  });

  it('an intent that turns stale during the pre-trade reads is refused in the fenced step (STALE), nothing sent', async () => {
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/ticker/price',
      method: 'GET',
      count: 1,
      delayMs: 2_500,
    });
    // 28.5 s old of the 30 s allowed when stored; older than that once the reads are done.
    const i = marketBuy({ createdAt: new Date(Date.now() - 28_500).toISOString() });
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'SUBMITTING');
    const row = await s.rowWhen(i.intentId, (r) => r.state !== 'SUBMITTING', 10_000);
    expect(row).toMatchObject({ state: 'REJECTED', reject_code: 'STALE', last_sent_at: null });
    expect(row.reject_message).toMatch(/^The order was not sent\./);
    expect(
      (await s.simOrders('paper')).filter((o) => o.clientOrderId === row.client_order_id),
    ).toEqual([]);
  });

  it('disarm: the order is never sent (REJECTED NOT_ARMED)', async () => {
    await arming.arm();
    await slowReferencePrice();
    const i = marketBuy({ mode: 'live' });
    const before = await posts();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'SUBMITTING');
    expect(
      (await arming.call('disarm', { operator: 'alice', reason: 'Disarm mid reads.' })).ok,
    ).toBe(true);
    const row = await s.rowWhen(i.intentId, (r) => r.state !== 'SUBMITTING');
    expect(row).toMatchObject({ state: 'REJECTED', reject_code: 'NOT_ARMED', last_sent_at: null });
    expect(await posts()).toBe(before);
  });

  it('session expiry: the order is never sent (REJECTED NOT_ARMED), whatever arming has noticed', async () => {
    await s.setMode('LIVE', { expiresInMs: 700 });
    await slowReferencePrice();
    const i = marketBuy({ mode: 'live' });
    const before = await posts();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'SUBMITTING');
    const row = await s.rowWhen(i.intentId, (r) => r.state !== 'SUBMITTING');
    expect(row).toMatchObject({ state: 'REJECTED', reject_code: 'NOT_ARMED' });
    expect(await posts()).toBe(before);
  });

  it('a kill and a new arm before the send: the intent of the old session is not sent under the new one', async () => {
    await arming.arm();
    await slowReferencePrice();
    const i = marketBuy({ mode: 'live' });
    const before = await posts();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'SUBMITTING');
    await arming.call('disarm', { operator: 'alice', reason: 'Re-arm.' });
    await arming.arm();
    const row = await s.rowWhen(i.intentId, (r) => r.state !== 'SUBMITTING');
    expect(row).toMatchObject({ state: 'REJECTED', reject_code: 'NOT_ARMED' });
    expect(await posts()).toBe(before);
  });
});

describe('execution - the fenced send: after the fence commits', () => {
  const holdAfterFence = () => hold('after-fence-commit');

  it('a kill that commits after the fence: the order may go out, and the sweep cancels it once it rests', async () => {
    await arming.arm();
    const hold = holdAfterFence();
    const i = intent({ mode: 'live' });
    await s.publish(i);
    await hold.atFence;
    const fenced = await s.row(i.intentId);
    expect(fenced).toMatchObject({ state: 'SUBMITTING', attempts: 1 });
    expect(fenced!.fence_version).not.toBeNull();
    // The fence's FOR SHARE lock is released at its commit: the kill is not held up.
    expect((await arming.call('kill', { operator: 'alice', reason: 'Kill after fence.' })).ok).toBe(
      true,
    );
    hold.release();
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'CANCELED');
    expect(await liveOrders(row.client_order_id)).toEqual([
      expect.objectContaining({ status: 'CANCELED' }),
    ]);
  });

  it('held past the send budget after its fence (a stall): nothing is signed; the retry meets the kill and sends nothing', async () => {
    await arming.arm();
    const hold = holdAfterFence();
    const i = intent({ mode: 'live' });
    const before = await posts();
    await s.publish(i);
    await hold.atFence;
    const fencedAt = performance.now();
    await arming.call('kill', { operator: 'alice', reason: 'Kill during a stall.' });
    // The stall itself: the send budget (2 s in these tests) runs out while the handler is held.
    await waitFor('the send budget to run out', () => performance.now() - fencedAt > 2_100, {
      timeoutMs: 5_000,
    });
    hold.release();
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED');
    expect(row).toMatchObject({ reject_code: 'HALTED', attempts: 1 });
    expect(await posts()).toBe(before);
    expect(s.logLines.some((l) => l.includes(i.intentId) && l.includes('not-signed'))).toBe(true);
  });

  it('the fence needs this instance to hold the lease: taken meanwhile, nothing is sent or written until it is ours again', async () => {
    const stored = hold('after-submitting-commit');
    const i = intent();
    await s.publish(i);
    await stored.atFence;
    await stealLease(i.intentId, 60_000);
    stored.release();
    await waitFor('the lost lease at the fence', () =>
      s.logLines.some((l) => l.includes(`the lease on intent ${i.intentId} was lost`)),
    );
    expect(await s.row(i.intentId)).toMatchObject({
      state: 'SUBMITTING',
      last_sent_at: null,
      attempts: 0,
      lease_holder: 'thief',
    });
    await stealLease(i.intentId, -1_000);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
    expect(row.attempts).toBe(1);
    expect(
      (await s.simOrders('paper')).filter((o) => o.clientOrderId === row.client_order_id),
    ).toHaveLength(1);
  });

  it('a refusal in the fence is not written without the lease either', async () => {
    await arming.arm();
    const stored = hold('after-submitting-commit');
    const i = intent({ mode: 'live' });
    await s.publish(i);
    await stored.atFence;
    await stealLease(i.intentId, 60_000);
    await arming.call('disarm', { operator: 'alice', reason: 'Disarm while the lease is gone.' });
    stored.release();
    await waitFor('the lost lease at the fence', () =>
      s.logLines.some((l) => l.includes(`the lease on intent ${i.intentId} was lost`)),
    );
    expect(await s.row(i.intentId)).toMatchObject({ state: 'SUBMITTING', lease_holder: 'thief' });
    await stealLease(i.intentId, -1_000);
    expect(await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'NOT_ARMED',
      last_sent_at: null,
    });
  });
});
