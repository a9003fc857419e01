import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../test/int-sim.js';
import { SimAdminError, startExchangeSim, type SimHandle } from './index.js';

let sim: SimHandle;
beforeAll(async () => {
  sim = await startExchangeSim({ seed: 5 });
});
afterAll(() => sim.stop());

describe('POST /__sim/orders/fill', () => {
  it('fills many resting orders completely in one call, trades and all', async () => {
    const creds = await sim.admin.createAccount({ balances: { USDT: '100000' } });
    const client = clientFor(sim, creds);
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const o = await client.order({
        symbol: 'BNBUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        price: '500',
        quantity: '1',
      });
      ids.push(o.orderId);
    }
    expect(await sim.admin.fillOrders(ids)).toEqual({ filled: 3 });
    const orders = await sim.admin.orders({ apiKey: creds.apiKey });
    expect(orders.map((o) => [o.orderId, o.status, o.executedQty])).toEqual(
      ids.map((id) => [id, 'FILLED', '1.00000000']),
    );
    const trades = await client.myTrades({ symbol: 'BNBUSDT' });
    expect(trades.map((t) => t.orderId)).toEqual(ids);
  });

  it('refuses them all when one is unknown or not open, and an empty or malformed list', async () => {
    const creds = await sim.admin.createAccount({ balances: { USDT: '100000' } });
    const client = clientFor(sim, creds);
    const open = await client.order({
      symbol: 'BNBUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '500',
      quantity: '1',
    });
    const err = await sim.admin.fillOrders([open.orderId, 999_999]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimAdminError);
    expect(err).toMatchObject({ status: 409, code: 'ORDER_NOT_OPEN' });
    expect((err as Error).message).toMatch(/order 999999 is unknown or not open/);
    const [still] = await sim.admin.orders({ apiKey: creds.apiKey });
    expect(still?.status).toBe('NEW');
    const empty = await sim.admin.fillOrders([]).catch((e: unknown) => e);
    expect(empty).toMatchObject({ status: 400, code: 'INVALID_BODY' });
  });
});
