import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimCredentials, SimHandle } from './index.js';

let sim: SimHandle;
let creds: SimCredentials;
let client: LooseClient;
beforeEach(async () => {
  ({ sim, creds, client } = await simWithClient());
});
afterEach(() => sim.stop());

const buyLimit = (newClientOrderId: string, price = '59000.00', quantity = '0.01000') => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  price,
  quantity,
  newClientOrderId,
});
const errorOf = async (call: Promise<unknown>) => {
  const err = await rejectionOf(call);
  return { code: err.code, msg: err.message };
};

describe('POST /api/v3/order through binance-api-node', () => {
  it('places a resting LIMIT order and answers FULL by default', async () => {
    const placed = await client.order(buyLimit('intent-0001'));
    expect({ ...placed, fills: [...placed.fills] }).toEqual({
      symbol: 'BTCUSDT',
      orderId: 10001,
      orderListId: -1,
      clientOrderId: 'intent-0001',
      transactTime: placed.transactTime,
      price: '59000.00000000',
      origQty: '0.01000000',
      executedQty: '0.00000000',
      origQuoteOrderQty: '0.00000000',
      cummulativeQuoteQty: '0.00000000',
      status: 'NEW',
      timeInForce: 'GTC',
      type: 'LIMIT',
      side: 'BUY',
      workingTime: placed.transactTime,
      selfTradePreventionMode: 'EXPIRE_MAKER',
      fills: [],
    });
    const account = await client.accountInfo();
    expect(account.balances.find((b: { asset: string }) => b.asset === 'USDT')).toMatchObject({
      free: '99410.00000000',
      locked: '590.00000000',
    });
  });

  it('fills MARKET orders by quantity and by quoteOrderQty with fills and taker commission', async () => {
    const sell = await client.order({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: '0.5',
    });
    expect(sell).toMatchObject({
      status: 'FILLED',
      executedQty: '0.50000000',
      cummulativeQuoteQty: '30000.00000000',
      type: 'MARKET',
    });
    expect(sell.clientOrderId).toMatch(/^x-[A-Za-z0-9]+$/);
    expect({ ...sell.fills[0] }).toEqual({
      price: '60000.00000000',
      qty: '0.50000000',
      commission: '60.00000000',
      commissionAsset: 'USDT',
      tradeId: 50001,
    });
    const buy = await client.order({
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '100',
    });
    expect(buy).toMatchObject({
      status: 'FILLED',
      origQty: '0.03330000',
      origQuoteOrderQty: '100.00000000',
      cummulativeQuoteQty: '99.90000000',
    });
    expect(buy.fills[0]).toMatchObject({ commissionAsset: 'ETH', commission: '0.00006660' });
  });

  it('answers ACK or RESULT when asked, and defaults LIMIT_MAKER to ACK', async () => {
    const ack = await client.order({ ...buyLimit('ack-1'), newOrderRespType: 'ACK' });
    expect(Object.keys(ack)).toEqual([
      'symbol',
      'orderId',
      'orderListId',
      'clientOrderId',
      'transactTime',
    ]);
    const result = await client.order({ ...buyLimit('result-1'), newOrderRespType: 'RESULT' });
    expect(result.status).toBe('NEW');
    expect(result.fills).toBeUndefined();
    const maker = await client.order({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT_MAKER',
      price: '61000',
      quantity: '0.1',
    });
    expect(Object.keys(maker)).toHaveLength(5);
    const taking = client.order({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT_MAKER',
      price: '59000',
      quantity: '0.1',
    });
    expect(await errorOf(taking)).toEqual({
      code: -2010,
      msg: 'Order would immediately match and take.',
    });
  });

  it('expires IOC / FOK orders that cannot trade, and fills them when marketable', async () => {
    const ioc = await client.order({ ...buyLimit('ioc-1'), timeInForce: 'IOC' });
    expect(ioc).toMatchObject({ status: 'EXPIRED', executedQty: '0.00000000', timeInForce: 'IOC' });
    const fok = await client.order({ ...buyLimit('fok-1', '60010.00'), timeInForce: 'FOK' });
    expect(fok).toMatchObject({ status: 'FILLED', timeInForce: 'FOK' });
    expect(fok.fills[0].price).toBe('60000.00000000');
  });

  it('refuses a client order id held by an open order, and accepts it again once that order is done', async () => {
    const first = await client.order(buyLimit('reused-id'));
    expect(await errorOf(client.order(buyLimit('reused-id')))).toEqual({
      code: -2010,
      msg: 'Duplicate order sent.',
    });
    await client.cancelOrder({ symbol: 'BTCUSDT', orderId: first.orderId });
    const market = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
      newClientOrderId: 'reused-id',
    };
    const second = await client.order({ ...market });
    const third = await client.order({ ...market });
    expect([second.status, third.status]).toEqual(['FILLED', 'FILLED']);
    expect(third.orderId).toBeGreaterThan(second.orderId);
    const truth = (await sim.admin.orders()).filter((o) => o.clientOrderId === 'reused-id');
    expect(truth.map((o) => o.status)).toEqual(['CANCELED', 'FILLED', 'FILLED']);
  });

  it('rejects with the real codes: filters -1013, precision -1111, id -1100, balance -2010', async () => {
    expect(await errorOf(client.order(buyLimit('f1', '59000.001')))).toEqual({
      code: -1013,
      msg: 'Filter failure: PRICE_FILTER',
    });
    expect(await errorOf(client.order(buyLimit('f2', '59000', '0.000015')))).toEqual({
      code: -1013,
      msg: 'Filter failure: LOT_SIZE',
    });
    expect(await errorOf(client.order(buyLimit('f3', '59000', '0.00001')))).toEqual({
      code: -1013,
      msg: 'Filter failure: NOTIONAL',
    });
    const bigMarket = client.order({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: '121',
    });
    expect(await errorOf(bigMarket)).toEqual({
      code: -1013,
      msg: 'Filter failure: MARKET_LOT_SIZE',
    });
    expect(await errorOf(client.order(buyLimit('f4', '59000', '0.000000001')))).toEqual({
      code: -1111,
      msg: "Parameter 'quantity' has too much precision.",
    });
    expect((await errorOf(client.order(buyLimit('bad id!')))).code).toBe(-1100);
    expect(await errorOf(client.order(buyLimit('f5', '59000', '5')))).toEqual({
      code: -2010,
      msg: 'Account has insufficient balance for requested action.',
    });
    expect(await sim.admin.orders()).toEqual([]);
  });

  it('validates without placing on /order/test, optionally with commission rates', async () => {
    expect({ ...(await client.orderTest(buyLimit('t1'))) }).toEqual({});
    const rates = await client.orderTest({ ...buyLimit('t2'), computeCommissionRates: 'true' });
    expect({ ...rates.standardCommissionForOrder }).toEqual({
      maker: '0.00100000',
      taker: '0.00200000',
    });
    expect(await errorOf(client.orderTest(buyLimit('t3', '1.001')))).toEqual({
      code: -1013,
      msg: 'Filter failure: PRICE_FILTER',
    });
    expect((await errorOf(client.orderTest({ ...buyLimit('t4'), symbol: 'XRPUSDT' }))).code).toBe(
      -1121,
    );
    expect(await sim.admin.orders({ apiKey: creds.apiKey })).toEqual([]);
  });

  it('counts orders in x-mbx-order-count headers', async () => {
    await client.order(buyLimit('count-1'));
    await client.order(buyLimit('count-2'));
    const host = Object.values(client.getInfo()).find((h) => h.orderCount10s !== undefined);
    expect(host?.orderCount10s).toBe('2');
    expect(host?.orderCount1d).toBe('2');
  });
});
