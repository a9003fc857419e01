import { cancelOutcomeEventSchema, type CancelOutcomeEvent } from '@livegate/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { intent, startArming, startStack, waitFor, type Arming, type Stack } from './fixture.js';

/**
 * Issue 13: a strategy's LIVE cancel racing the kill switch's own sweep (cancel-all by symbol, then
 * our rows one by one). Whoever reaches the venue first, the order ends CANCELED once: one
 * `order.canceled` event, the strategy told CANCELED, nothing reported failed, no row left
 * PENDING_CANCEL.
 */
let s: Stack;
let arming: Arming;
const outcomes: CancelOutcomeEvent[] = [];
beforeAll(async () => {
  s = await startStack();
  // Venue calls may take 5 s: the held cancel below (3 s) is slow, not failed.
  await s.startExecution({ venueTimeoutMs: 5_000 });
  arming = await startArming(s);
  const sub = s.bus.nc.subscribe(s.bus.subjects.cancelOutcomesOf('test'));
  void (async () => {
    for await (const m of sub) outcomes.push(cancelOutcomeEventSchema.parse(m.json()));
  })();
  await s.bus.nc.flush();
});
afterEach(async () => {
  await s.sim.admin.clearFaults();
  await arming.call('release', { operator: 'alice', reason: 'Back to paper.' });
});
afterAll(async () => {
  await arming.stop();
  await s.stop();
});

async function cancel(intentId: string): Promise<string> {
  const { msg, sent } = s.cancel({ intentId });
  await sent;
  return msg.cancelId;
}

async function restingLive() {
  const i = intent({ mode: 'live' });
  await s.publish(i);
  return s.rowWhen(i.intentId, (r) => r.state === 'NEW');
}

const kill = async () =>
  expect(
    (await arming.call('kill', { operator: 'alice', reason: 'Kill while a cancel runs.' })).ok,
  ).toBe(true);

/** The kill report of this kill (the n-th since the stack started). */
const killReport = (n: number) =>
  waitFor(`kill report ${n}`, async () => {
    const rows = await s.t.db
      .selectFrom('audit.log')
      .selectAll()
      .where('kind', '=', 'execution.kill_cancelled')
      .orderBy('id')
      .execute();
    return rows[n - 1];
  });

async function endsCanceledOnce(intentId: string, clientOrderId: string, cancelId: string) {
  const outcome = await waitFor(`the outcome of ${cancelId}`, () =>
    outcomes.find((o) => o.cancelId === cancelId),
  );
  expect(outcome).toMatchObject({ outcome: 'CANCELED', state: 'CANCELED', intentId });
  expect(await s.row(intentId)).toMatchObject({ state: 'CANCELED' });
  const order = (await s.simOrders('live')).find((o) => o.clientOrderId === clientOrderId);
  expect(order?.status).toBe('CANCELED');
  await s.events.until(intentId, 'order.canceled');
  expect(s.events.of(intentId).filter((e) => e.type === 'order.canceled')).toHaveLength(1);
}

describe('cancel - a LIVE cancel racing the kill switch sweep', () => {
  it('the sweep cancels first while the strategy cancel waits at the venue', async () => {
    await arming.arm();
    const row = await restingLive();
    // The strategy's DELETE /api/v3/order is held; the sweep's cancel-all by symbol is not.
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/order',
      method: 'DELETE',
      delayMs: 3_000,
      count: 1,
    });
    const cancelId = await cancel(row.intent_id);
    await s.rowWhen(row.intent_id, (r) => r.state === 'PENDING_CANCEL');
    await kill();
    const report = await killReport(1);
    // The sweep took it (its cancel-all by symbol), while the strategy's own cancel was still held.
    expect(report.details).toMatchObject({
      failed: [],
      cancelled: [expect.objectContaining({ intentId: row.intent_id })],
    });
    await endsCanceledOnce(row.intent_id, row.client_order_id, cancelId);
  });

  it('the strategy cancel lands first while the sweep waits at the venue', async () => {
    await arming.arm();
    const row = await restingLive();
    // The sweep's cancel-all by symbol is held; the strategy's own cancel goes straight through.
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/openOrders',
      method: 'DELETE',
      delayMs: 3_000,
      count: 1,
    });
    await kill();
    const cancelId = await cancel(row.intent_id);
    const report = await killReport(2);
    // The strategy's cancel took it: the sweep found it gone (or no longer open), cancelled nothing.
    expect(report.details).toMatchObject({ failed: [], cancelled: [] });
    await endsCanceledOnce(row.intent_id, row.client_order_id, cancelId);
  });
});
