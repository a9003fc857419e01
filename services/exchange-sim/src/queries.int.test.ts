import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, simWithClient, type LooseClient, type Row } from '../test/int-sim.js';
import type { SimHandle } from './index.js';

let sim: SimHandle;
let client: LooseClient;
beforeEach(async () => {
  ({ sim, client } = await simWithClient());
});
afterEach(() => sim.stop());

const rest = (newClientOrderId: string, price = '59000.00', symbol = 'BTCUSDT') =>
  client.order({
    symbol,
    side: 'BUY',
    type: 'LIMIT',
    price,
    quantity: symbol === 'BTCUSDT' ? '0.01' : '0.1',
    newClientOrderId,
  });
const errorOf = async (call: Promise<unknown>) => {
  const err = await rejectionOf(call);
  return { code: err.code, msg: err.message };
};

describe('query and cancel endpoints through binance-api-node', () => {
  it('finds an order by orderId or origClientOrderId, and checks that both agree (-2039)', async () => {
    const placed = await rest('q-1');
    const byId = await client.getOrder({ symbol: 'BTCUSDT', orderId: placed.orderId });
    const byClientId = await client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'q-1' });
    expect({ ...byId }).toEqual({ ...byClientId });
    expect(byId).toMatchObject({
      clientOrderId: 'q-1',
      status: 'NEW',
      isWorking: true,
      stopPrice: '0.00000000',
      icebergQty: '0.00000000',
    });
    const mismatch = client.getOrder({
      symbol: 'BTCUSDT',
      orderId: placed.orderId,
      origClientOrderId: 'other',
    });
    expect(await errorOf(mismatch)).toEqual({
      code: -2039,
      msg: 'Client order ID is not correct for this order ID.',
    });
    expect(
      (await errorOf(client.cancelOrder({ symbol: 'BTCUSD', orderId: placed.orderId }))).code,
    ).toBe(-1121);
    expect(
      (await errorOf(client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'never-used' }))).code,
    ).toBe(-2013);
    expect(await errorOf(client.getOrder({ symbol: 'BTCUSDT', orderId: 1 }))).toEqual({
      code: -2013,
      msg: 'Order does not exist.',
    });
    expect(await errorOf(client.getOrder({ symbol: 'ETHUSDT', orderId: placed.orderId }))).toEqual({
      code: -2013,
      msg: 'Order does not exist.',
    });
    expect(await errorOf(client.getOrder({ symbol: 'BTCUSDT' }))).toEqual({
      code: -1102,
      msg: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
    });
    expect(
      (await errorOf(client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: '' }))).code,
    ).toBe(-1119);
    expect((await errorOf(client.getOrder({ symbol: 'BTCUSDT', orderId: 'x1' }))).code).toBe(-1100);
    expect((await errorOf(client.getOrder({ orderId: placed.orderId }))).code).toBe(-1102);
  });

  it('cancels with its own client id: clientOrderId is the cancel id, origClientOrderId the order id', async () => {
    const placed = await rest('c-1');
    const canceled = await client.cancelOrder({
      symbol: 'BTCUSDT',
      origClientOrderId: 'c-1',
      newClientOrderId: 'cancel-c-1',
    });
    expect(canceled).toMatchObject({
      orderId: placed.orderId,
      origClientOrderId: 'c-1',
      clientOrderId: 'cancel-c-1',
      status: 'CANCELED',
    });
    const generated = await client.cancelOrder({
      symbol: 'BTCUSDT',
      orderId: (await rest('c-2')).orderId,
    });
    expect(generated.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(
      await errorOf(client.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId })),
    ).toEqual({ code: -2011, msg: 'Unknown order sent.' });
    expect(await errorOf(client.cancelOrder({ symbol: 'BTCUSDT', orderId: 99 }))).toEqual({
      code: -2011,
      msg: 'Unknown order sent.',
    });
    expect(
      (
        await errorOf(
          client.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId, newClientOrderId: '' }),
        )
      ).code,
    ).toBe(-1118);
    expect(await client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'c-1' })).toMatchObject({
      status: 'CANCELED',
      clientOrderId: 'c-1',
    });
  });

  it('honours cancelRestrictions', async () => {
    const placed = await rest('r-1');
    const cancel = (cancelRestrictions: string) =>
      client.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId, cancelRestrictions });
    expect(await errorOf(cancel('SOMETIMES'))).toEqual({
      code: -1145,
      msg: 'Invalid cancelRestrictions',
    });
    expect(await errorOf(cancel('ONLY_PARTIALLY_FILLED'))).toEqual({
      code: -2011,
      msg: 'Order was not canceled due to cancel restrictions.',
    });
    await sim.admin.fillOrder(placed.orderId, { qty: '0.004' });
    expect((await errorOf(cancel('ONLY_NEW'))).code).toBe(-2011);
    expect(await cancel('ONLY_PARTIALLY_FILLED')).toMatchObject({
      status: 'CANCELED',
      executedQty: '0.00400000',
    });
    const fresh = await rest('r-2');
    expect(
      await client.cancelOrder({
        symbol: 'BTCUSDT',
        orderId: fresh.orderId,
        cancelRestrictions: 'ONLY_NEW',
      }),
    ).toMatchObject({ status: 'CANCELED' });
  });

  it('lists open orders per symbol or for all symbols, and cancels all open orders on a symbol', async () => {
    await rest('o-1');
    await rest('o-2');
    await rest('o-3', '2900', 'ETHUSDT');
    expect((await client.openOrders({ symbol: 'BTCUSDT' })).map((o) => o.clientOrderId)).toEqual([
      'o-1',
      'o-2',
    ]);
    expect(await client.openOrders()).toHaveLength(3);
    expect((await errorOf(client.openOrders({ symbol: 'XYZ' }))).code).toBe(-1121);
    const canceled = await client.cancelOpenOrders({ symbol: 'BTCUSDT' });
    expect(canceled.map((o) => [o.origClientOrderId, o.status])).toEqual([
      ['o-1', 'CANCELED'],
      ['o-2', 'CANCELED'],
    ]);
    expect(await errorOf(client.cancelOpenOrders({ symbol: 'BTCUSDT' }))).toEqual({
      code: -2011,
      msg: 'Unknown order sent.',
    });
    expect((await errorOf(client.cancelOpenOrders({ symbol: 'NOPE' }))).code).toBe(-1121);
  });

  it('pages allOrders by orderId, time window and limit', async () => {
    const ids: number[] = [];
    for (const id of ['a-1', 'a-2', 'a-3']) ids.push((await rest(id)).orderId);
    const all = await client.allOrders({ symbol: 'BTCUSDT' });
    expect(all.map((o) => o.orderId)).toEqual(ids);
    expect(
      (await client.allOrders({ symbol: 'BTCUSDT', orderId: ids[1] })).map((o) => o.orderId),
    ).toEqual(ids.slice(1));
    expect((await client.allOrders({ symbol: 'BTCUSDT', limit: 2 })).map((o) => o.orderId)).toEqual(
      ids.slice(1),
    );
    const now = Date.now();
    expect(
      await client.allOrders({
        symbol: 'BTCUSDT',
        startTime: now - 60_000,
        endTime: now + 1000,
        limit: 1,
      }),
    ).toHaveLength(1);
    expect(await client.allOrders({ symbol: 'BTCUSDT', endTime: now - 60_000 })).toEqual([]);
    expect(
      await errorOf(
        client.allOrders({ symbol: 'BTCUSDT', startTime: now - 90_000_000, endTime: now }),
      ),
    ).toEqual({
      code: -1127,
      msg: 'More than 24 hours between startTime and endTime.',
    });
    expect(await errorOf(client.allOrders({ symbol: 'BTCUSDT', limit: 1001 }))).toEqual({
      code: -1130,
      msg: "Data sent for parameter 'limit' is not valid.",
    });
    expect((await errorOf(client.allOrders({ symbol: 'BTCUSDT', limit: 0 }))).code).toBe(-1130);
    expect((await errorOf(client.allOrders({ symbol: 'BTCUSDT', startTime: 'soon' }))).code).toBe(
      -1100,
    );
    expect((await errorOf(client.allOrders({}))).code).toBe(-1102);
  });

  it('lists trades with maker/taker flags, by orderId or fromId, and refuses other combinations (-1128)', async () => {
    const resting = await rest('t-1');
    await sim.admin.fillOrder(resting.orderId, { qty: '0.004' });
    await sim.admin.setPrice({ symbol: 'BTCUSDT', price: '58999.99' });
    const market = await client.order({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: '0.01',
    });
    const trades = await client.myTrades({ symbol: 'BTCUSDT' });
    const [, second, third] = trades as [Row, Row, Row];
    expect(trades.map((t) => [t.orderId, t.qty, t.isMaker, t.isBuyer])).toEqual([
      [resting.orderId, '0.00400000', true, true],
      [resting.orderId, '0.00600000', true, true],
      [market.orderId, '0.01000000', false, false],
    ]);
    expect({ ...trades[0] }).toMatchObject({
      price: '59000.00000000',
      quoteQty: '236.00000000',
      commission: '0.00000400',
      commissionAsset: 'BTC',
      orderListId: -1,
      isBestMatch: true,
    });
    expect(await client.myTrades({ symbol: 'BTCUSDT', orderId: market.orderId })).toHaveLength(1);
    expect(
      (await client.myTrades({ symbol: 'BTCUSDT', fromId: second.id })).map((t) => t.id),
    ).toEqual([second.id, third.id]);
    const resting2 = await client.myTrades({
      symbol: 'BTCUSDT',
      orderId: resting.orderId,
      fromId: second.id,
    });
    expect(resting2.map((t) => t.id)).toEqual([second.id]);
    expect(await client.myTrades({ symbol: 'BTCUSDT', limit: 1 })).toHaveLength(1);
    const now = Date.now();
    expect(
      await client.myTrades({ symbol: 'BTCUSDT', startTime: now - 60_000, endTime: now + 1000 }),
    ).toHaveLength(3);
    expect(await client.myTrades({ symbol: 'BTCUSDT', endTime: now - 60_000 })).toEqual([]);
    const badCombo = client.myTrades({ symbol: 'BTCUSDT', fromId: 1, startTime: 1 });
    expect(await errorOf(badCombo)).toEqual({
      code: -1128,
      msg: 'Combination of optional parameters invalid.',
    });
    expect((await errorOf(client.myTrades({ symbol: 'BTCUSDT', fromId: 'x' }))).code).toBe(-1100);
    expect((await errorOf(client.myTrades({ symbol: 'BTCX' }))).code).toBe(-1121);
  });

  it('reports the account: commission rates, balances free/locked, omitZeroBalances', async () => {
    await rest('acc-1');
    const account = await client.accountInfo();
    expect(account).toMatchObject({
      makerCommission: 10,
      takerCommission: 20,
      canTrade: true,
      accountType: 'SPOT',
      permissions: ['SPOT'],
    });
    expect({ ...account.commissionRates }).toEqual({
      maker: '0.00100000',
      taker: '0.00200000',
      buyer: '0.00000000',
      seller: '0.00000000',
    });
    expect(account.balances.map((b: { asset: string }) => b.asset)).toEqual([
      'BNB',
      'BTC',
      'ETH',
      'USDT',
    ]);
    await client.order({ symbol: 'BNBUSDT', side: 'SELL', type: 'MARKET', quantity: '50' });
    const nonZero = await client.accountInfo({ omitZeroBalances: true });
    expect(nonZero.balances.map((b: { asset: string }) => b.asset)).toEqual(['BTC', 'ETH', 'USDT']);
  });

  it('shows admin fills, cancels and expiries to the client as the exchange would', async () => {
    const a = await rest('adm-1');
    const b = await rest('adm-2');
    const c = await rest('adm-3');
    expect(await sim.admin.fillOrder(a.orderId, { qty: '0.003' })).toMatchObject({
      status: 'PARTIALLY_FILLED',
      executedQty: '0.00300000',
    });
    expect(await sim.admin.cancelOrder(b.orderId)).toMatchObject({ status: 'CANCELED' });
    expect(await sim.admin.expireOrder(c.orderId)).toMatchObject({ status: 'EXPIRED' });
    const statuses = await client.allOrders({ symbol: 'BTCUSDT' });
    expect(statuses.map((o) => o.status)).toEqual(['PARTIALLY_FILLED', 'CANCELED', 'EXPIRED']);
    expect((await sim.admin.fillOrder(a.orderId)).status).toBe('FILLED');
    expect(await client.openOrders({ symbol: 'BTCUSDT' })).toEqual([]);
  });
});
