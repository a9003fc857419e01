import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawSigned, rejectionOf, simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimCredentials, SimHandle } from './index.js';

// The simulator's clock runs `offset` ms ahead of the wall clock the client signs with: moving it
// by less than recvWindow (5000) ends a lag without sleeping.
const clock = { offset: 0 };
let sim: SimHandle;
let creds: SimCredentials;
let client: LooseClient;
beforeEach(async () => {
  clock.offset = 0;
  ({ sim, creds, client } = await simWithClient({ clock: () => Date.now() + clock.offset }));
});
afterEach(() => sim.stop());

const limitBuy = (newClientOrderId: string) => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  price: '59000.00',
  quantity: '0.01',
  newClientOrderId,
});
const marketBuy = (newClientOrderId: string) => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.001',
  newClientOrderId,
});
const codeOf = async (call: Promise<unknown>) => {
  const err = await rejectionOf(call);
  return { code: err.code, msg: err.message };
};
const NOT_FOUND = { code: -2013, msg: 'Order does not exist.' };

describe('read-lag fault', () => {
  it('hides an accepted order from every read path for delayMs, then shows it normally', async () => {
    const fault = await sim.admin.injectFault({ kind: 'read-lag', delayMs: 2000 });
    expect(fault).toMatchObject({ kind: 'read-lag', delayMs: 2000, remaining: 1 });
    const placed = await client.order(marketBuy('lag-1'));
    expect(placed).toMatchObject({ clientOrderId: 'lag-1', status: 'FILLED' });
    expect(placed.fills).toHaveLength(1);
    expect(await sim.admin.faults()).toEqual([]);

    const byClientId = { symbol: 'BTCUSDT', origClientOrderId: 'lag-1' };
    expect(await codeOf(client.getOrder(byClientId))).toEqual(NOT_FOUND);
    expect(await codeOf(client.getOrder({ symbol: 'BTCUSDT', orderId: placed.orderId }))).toEqual(
      NOT_FOUND,
    );
    const raw = await rawSigned(sim, creds, '/api/v3/order', byClientId);
    expect({ status: raw.status, body: raw.body }).toEqual({ status: 400, body: NOT_FOUND });
    expect(await client.allOrders({ symbol: 'BTCUSDT' })).toEqual([]);
    expect(await client.myTrades({ symbol: 'BTCUSDT' })).toEqual([]);
    // the admin view is the matching engine's truth: the order is there
    expect((await sim.admin.orders()).map((o) => o.clientOrderId)).toEqual(['lag-1']);

    clock.offset = 2000;
    expect(await client.getOrder(byClientId)).toMatchObject({ status: 'FILLED' });
    expect(await client.allOrders({ symbol: 'BTCUSDT' })).toHaveLength(1);
    expect(await client.myTrades({ symbol: 'BTCUSDT' })).toHaveLength(1);
  });

  it('leaves a lagging resting order out of openOrders; a cancel reaches it (the matching engine knows it)', async () => {
    await sim.admin.injectFault({ kind: 'read-lag', delayMs: 3000, count: 2 });
    const first = await client.order(limitBuy('rest-1'));
    const second = await client.order(limitBuy('rest-2'));
    const third = await client.order(limitBuy('rest-3'));
    expect([first.status, second.status, third.status]).toEqual(['NEW', 'NEW', 'NEW']);
    const open = await client.openOrders({ symbol: 'BTCUSDT' });
    expect(open.map((o) => o.clientOrderId)).toEqual(['rest-3']);
    expect((await client.openOrders()).map((o) => o.clientOrderId)).toEqual(['rest-3']);
    // a resend of an id still open is a duplicate even while reads lag
    expect((await codeOf(client.order(limitBuy('rest-1')))).msg).toBe('Duplicate order sent.');
    const canceled = await client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'rest-1' });
    expect(canceled).toMatchObject({ origClientOrderId: 'rest-1', status: 'CANCELED' });
    expect(await client.cancelOrder({ symbol: 'BTCUSDT', orderId: second.orderId })).toMatchObject({
      status: 'CANCELED',
    });
    expect(
      (await codeOf(client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'rest-1' }))).code,
    ).toBe(-2013);
    clock.offset = 3000;
    expect(await client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'rest-1' })).toMatchObject(
      {
        status: 'CANCELED',
      },
    );
  });

  it('hides the fills of a lagging resting order from myTrades until the lag ends', async () => {
    await sim.admin.injectFault({ kind: 'read-lag', delayMs: 1000 });
    const placed = await client.order(limitBuy('fill-1'));
    await sim.admin.setPrice({ symbol: 'BTCUSDT', price: '58000.00' });
    expect(await client.myTrades({ symbol: 'BTCUSDT', orderId: placed.orderId })).toEqual([]);
    clock.offset = 1000;
    const trades = await client.myTrades({ symbol: 'BTCUSDT', orderId: placed.orderId });
    expect(trades.map((t) => t.price)).toEqual(['59000.00000000']);
  });

  it('with path, only that read path lags', async () => {
    await sim.admin.injectFault({ kind: 'read-lag', delayMs: 5000, path: '/api/v3/order' });
    const placed = await client.order(limitBuy('only-get'));
    expect(
      (await codeOf(client.getOrder({ symbol: 'BTCUSDT', orderId: placed.orderId }))).code,
    ).toBe(-2013);
    expect((await client.openOrders({ symbol: 'BTCUSDT' })).map((o) => o.orderId)).toEqual([
      placed.orderId,
    ]);
    expect(await client.allOrders({ symbol: 'BTCUSDT' })).toHaveLength(1);
  });

  it('counts accepted placements only: a refused order, a test order or another request leaves it pending', async () => {
    await sim.admin.injectFault({ kind: 'read-lag', delayMs: 5000 });
    expect((await codeOf(client.order({ ...limitBuy('bad'), price: '59000.001' }))).code).toBe(
      -1013,
    );
    await client.orderTest(limitBuy('test-only'));
    await client.openOrders({ symbol: 'BTCUSDT' });
    expect(await sim.admin.faults()).toMatchObject([{ kind: 'read-lag', remaining: 1 }]);
    await client.order(limitBuy('lagged'));
    expect(await sim.admin.faults()).toEqual([]);
    await client.order(limitBuy('seen'));
    expect((await client.openOrders({ symbol: 'BTCUSDT' })).map((o) => o.clientOrderId)).toEqual([
      'seen',
    ]);
  });

  it('with accept-then-timeout: the classic double fill — timeout, -2013 on lookup, a resend with the same id trades again', async () => {
    await sim.admin.injectFault({ kind: 'accept-then-timeout', path: '/api/v3/order' });
    await sim.admin.injectFault({ kind: 'read-lag', delayMs: 4000 });
    const timedOut = rawSigned(sim, creds, '/api/v3/order', marketBuy('dbl-1'), {
      method: 'POST',
      signal: AbortSignal.timeout(200),
    });
    await expect(timedOut).rejects.toThrow(/aborted/i);
    const lookup = { symbol: 'BTCUSDT', origClientOrderId: 'dbl-1' };
    expect(await codeOf(client.getOrder(lookup))).toEqual(NOT_FOUND);
    // The first order is FILLED (no longer open), so Binance takes the same id as a new order.
    const resent = await client.order(marketBuy('dbl-1'));
    expect(resent).toMatchObject({ clientOrderId: 'dbl-1', status: 'FILLED' });
    const engine = await sim.admin.orders();
    expect(engine.map((o) => [o.clientOrderId, o.status])).toEqual([
      ['dbl-1', 'FILLED'],
      ['dbl-1', 'FILLED'],
    ]);
    expect((await sim.admin.account(creds.apiKey)).balances.BTC?.free).toBe('2.00199600');
    // the read path sees only the resend until the first one's lag ends
    expect((await client.allOrders({ symbol: 'BTCUSDT' })).map((o) => o.orderId)).toEqual([
      resent.orderId,
    ]);
    clock.offset = 4000;
    expect(await client.allOrders({ symbol: 'BTCUSDT' })).toHaveLength(2);
    expect((await client.getOrder(lookup)).orderId).toBe(resent.orderId);
  });
});
