import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor, type PlaceOrderRequest } from '@livegate/binance';
import { startVenue, type VenueFixture } from './venue-fixture.js';

let venue: VenueFixture;
let seen = 0;
beforeAll(async () => {
  venue = await startVenue();
  expect((await venue.adapter.exchangeInfo()).kind).toBe('ok'); // the filters come from this one cached fetch
});
afterAll(async () => {
  await venue.stop();
});
beforeEach(async () => {
  seen = (await venue.sim.admin.requests()).length;
});

const newRequests = async () =>
  (await venue.sim.admin.requests()).slice(seen).map((r) => `${r.method} ${r.path}`);

const limit = (fields: Record<string, string>): PlaceOrderRequest =>
  ({
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.001',
    price: '50000.00',
    timeInForce: 'GTC',
    clientOrderId: clientOrderIdFor(JSON.stringify(fields)),
    ...fields,
  }) as PlaceOrderRequest;

describe('pre-trade checks refuse locally, before anything reaches the venue', () => {
  it.each([
    ['PRICE_FILTER', { price: '50000.005' }],
    ['PRICE_FILTER', { price: '0.001' }],
    ['LOT_SIZE', { quantity: '0.000015' }],
    ['LOT_SIZE', { quantity: '10000' }],
    ['PRECISION', { quantity: '0.000010000' }],
    ['NOTIONAL', { quantity: '0.00001', price: '100.00' }],
    ['MIN_NOTIONAL', { symbol: 'ETHBTC', quantity: '0.001', price: '0.05000' }],
    ['INVALID_INTENT', { symbol: 'DOGEUSDT' }],
    ['INVALID_INTENT', { timeInForce: 'SOMETIMES' }],
  ])('%s %j: zero requests reach the simulator', async (code, fields) => {
    const outcome = await venue.adapter.placeOrder(limit(fields));
    expect(outcome).toMatchObject({ kind: 'rejected', source: 'local', code });
    expect(outcome.kind === 'rejected' && outcome.message.startsWith(`${code}: `)).toBe(true);
    expect(await newRequests()).toEqual([]);
  });

  it('MARKET_LOT_SIZE on a MARKET order: zero requests', async () => {
    const outcome = await venue.adapter.placeOrder({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: '121',
      clientOrderId: 'lg-mls',
    });
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'MARKET_LOT_SIZE' });
    expect(await newRequests()).toEqual([]);
  });

  it('MAX_NUM_ORDERS when the caller knows the open-order count: zero requests', async () => {
    expect(await venue.adapter.placeOrder(limit({}), { openOrderCount: 200 })).toMatchObject({
      code: 'MAX_NUM_ORDERS',
    });
    expect(await newRequests()).toEqual([]);
  });

  it('NOTIONAL on a MARKET order is judged at the venue reference price: only the price is fetched, no order', async () => {
    const outcome = await venue.adapter.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.00005',
      clientOrderId: 'lg-mn',
    });
    expect(outcome).toMatchObject({
      kind: 'rejected',
      code: 'NOTIONAL',
      message: 'NOTIONAL: notional 3 at reference price 60000.00000000 is below 5',
    });
    expect(await newRequests()).toEqual(['GET /api/v3/ticker/price']);
  });

  it('INSUFFICIENT_BALANCE (cost plus commission): the account is read, no order is sent', async () => {
    const outcome = await venue.adapter.placeOrder(limit({ quantity: '0.2' }));
    expect(outcome).toMatchObject({
      kind: 'rejected',
      code: 'INSUFFICIENT_BALANCE',
      message:
        'INSUFFICIENT_BALANCE: needs 10010 USDT (cost plus commission at 0.001), free is 10000',
    });
    expect((await newRequests()).filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('a stale balance snapshot is re-read before refusing', async () => {
    const adapter = venue.adapterWith({ balanceTtlMs: 600_000 });
    expect(await adapter.placeOrder(limit({ quantity: '0.3' }))).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
    });
    await venue.sim.admin.fund({ apiKey: venue.apiKey, asset: 'USDT', amount: '10000' });
    expect(await adapter.placeOrder(limit({ quantity: '0.3' }))).toMatchObject({ kind: 'placed' });
  });

  it('an order that passes every check is sent once', async () => {
    expect(await venue.adapter.placeOrder(limit({ quantity: '0.0001' }))).toMatchObject({
      kind: 'placed',
    });
    expect((await newRequests()).filter((r) => r === 'POST /api/v3/order')).toHaveLength(1);
  });
});
