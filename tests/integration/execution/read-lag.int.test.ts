import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketBuy, startStack, waitFor, type Stack } from './fixture.js';

/**
 * Issue 10, hole 4: Binance's query path can answer -2013 for an order it has just accepted, and it
 * accepts a reused client order id once the first order is no longer open. A filled MARKET order whose
 * placement timed out, judged NOT_PLACED on lagging lookups and sent again, fills twice.
 */
let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.stop();
});

const ORDER = '/api/v3/order';
const posts = async () =>
  (await s.sim.admin.requests({ apiKey: s.paper.apiKey })).filter(
    (r) => r.method === 'POST' && r.path === ORDER,
  ).length;
const ordersFor = async (clientOrderId: string) =>
  (await s.simOrders('paper')).filter((o) => o.clientOrderId === clientOrderId);

describe('execution - a lagging read path never causes a second order', () => {
  it('a timed-out MARKET order the lookups cannot see yet: at worst NOT_PLACED, never sent again', async () => {
    const service = await s.startExecution({
      venueTimeoutMs: 400,
      recvWindowMs: 300,
      settings: { sendBudgetMs: 200, clockMarginMs: 100, notPlacedConfirmMs: 300 },
    });
    await s.sim.admin.injectFault({
      kind: 'accept-then-timeout',
      path: ORDER,
      method: 'POST',
      count: 1,
    });
    await s.sim.admin.injectFault({ kind: 'read-lag', delayMs: 5_000, count: 1 });
    const i = marketBuy();
    const before = await posts();
    await s.publish(i);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NOT_PLACED', 15_000);
    // The venue did fill it: the lookups were wrong, and nothing was sent a second time.
    expect(await ordersFor(row.client_order_id)).toEqual([
      expect.objectContaining({ status: 'FILLED' }),
    ]);
    await s.publish(i, `${i.intentId}-replayed`);
    await waitFor(
      'the stored outcome to be republished',
      () => s.events.of(i.intentId).filter((e) => e.type === 'order.rejected').length === 2,
    );
    expect(await posts()).toBe(before + 1);
    expect(await ordersFor(row.client_order_id)).toHaveLength(1);
    await service.stop();
    s.services.splice(s.services.indexOf(service), 1);
  });

  it('with a confirmation time longer than the lag, the lookups find it: FILLED, one order', async () => {
    await s.startExecution({
      venueTimeoutMs: 400,
      recvWindowMs: 300,
      settings: { sendBudgetMs: 200, clockMarginMs: 100, notPlacedConfirmMs: 4_000 },
    });
    await s.sim.admin.injectFault({
      kind: 'accept-then-timeout',
      path: ORDER,
      method: 'POST',
      count: 1,
    });
    await s.sim.admin.injectFault({ kind: 'read-lag', delayMs: 2_500, count: 1 });
    const i = marketBuy();
    await s.publish(i);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'FILLED', 20_000);
    expect(row.attempts).toBe(1);
    expect(await ordersFor(row.client_order_id)).toHaveLength(1);
  });
});
