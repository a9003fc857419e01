import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor, isOurClientOrderId, type PlaceOrderRequest } from '@livegate/binance';
import { startVenue, type VenueFixture } from './venue-fixture.js';

let venue: VenueFixture;
beforeEach(async () => {
  venue = await startVenue();
});
afterEach(async () => {
  await venue.stop();
});

const restingBuy = (key: string, price = '50000.00'): PlaceOrderRequest => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.001',
  price,
  timeInForce: 'GTC',
  clientOrderId: clientOrderIdFor(key),
});

describe('BinanceSpotAdapter - orders on the simulator', () => {
  it('places, gets, lists and cancels by client order id', async () => {
    const id = clientOrderIdFor('intent-a');
    const placed = await venue.adapter.placeOrder(restingBuy('intent-a'));
    expect(placed).toMatchObject({
      kind: 'placed',
      order: { clientOrderId: id, status: 'NEW', symbol: 'BTCUSDT', origQty: '0.00100000' },
    });
    if (placed.kind !== 'placed') return;
    expect(typeof placed.order.orderId).toBe('string');

    const got = await venue.adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: id });
    expect(got).toMatchObject({
      kind: 'ok',
      value: { orderId: placed.order.orderId, clientOrderId: id, status: 'NEW' },
    });

    const open = await venue.adapter.openOrders('BTCUSDT');
    expect(open.kind === 'ok' && open.value.map((o) => o.clientOrderId)).toEqual([id]);
    const everywhere = await venue.adapter.openOrders();
    expect(
      everywhere.kind === 'ok' &&
        everywhere.value.filter((o) => isOurClientOrderId(o.clientOrderId)),
    ).toHaveLength(1);

    const canceled = await venue.adapter.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: id });
    expect(canceled).toMatchObject({
      kind: 'ok',
      value: { clientOrderId: id, status: 'CANCELED' },
    });
    expect(await venue.adapter.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: id })).toMatchObject(
      { kind: 'not-found', code: -2011 },
    );
    expect(
      await venue.adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'lg-never' }),
    ).toMatchObject({ kind: 'not-found', code: -2013 });
  });

  it('cancels every open order on a symbol; with nothing open it is ok and empty', async () => {
    for (const key of ['c1', 'c2'])
      expect((await venue.adapter.placeOrder(restingBuy(key))).kind).toBe('placed');
    const all = await venue.adapter.cancelAllOpenOrders('BTCUSDT');
    expect(all.kind === 'ok' && all.value.map((o) => [o.clientOrderId, o.status]).sort()).toEqual(
      [clientOrderIdFor('c1'), clientOrderIdFor('c2')].sort().map((id) => [id, 'CANCELED']),
    );
    expect(await venue.adapter.cancelAllOpenOrders('BTCUSDT')).toEqual({ kind: 'ok', value: [] });
  });

  it('a marketable order fills, and its trades and balances follow', async () => {
    const placed = await venue.adapter.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY' as const,
      type: 'MARKET' as const,
      quantity: '0.01',
      clientOrderId: clientOrderIdFor('mkt'),
    });
    expect(placed).toMatchObject({
      kind: 'placed',
      order: { status: 'FILLED', executedQty: '0.01000000' },
    });
    if (placed.kind !== 'placed') return;
    expect(placed.order.fills.length).toBeGreaterThan(0);

    const trades = await venue.adapter.myTrades({
      symbol: 'BTCUSDT',
      orderId: placed.order.orderId,
    });
    expect(trades.kind === 'ok' && trades.value.map((t) => t.orderId)).toEqual(
      placed.order.fills.map(() => placed.order.orderId),
    );

    const account = await venue.adapter.account();
    expect(account.kind === 'ok' && account.value.balances.get('USDT')?.free).toBe('9400.00000000');
    expect(account.kind === 'ok' && account.value.takerRate).toBe('0.00100000');
  });

  it('caches exchangeInfo for its TTL and refreshes on request', async () => {
    const first = await venue.adapter.exchangeInfo();
    expect(first.kind === 'ok' && [...first.value.symbols.keys()]).toContain('BTCUSDT');
    await venue.adapter.exchangeInfo();
    const all = (await venue.sim.admin.requests()).filter((r) => r.path === '/api/v3/exchangeInfo');
    expect(all).toHaveLength(1);
    await venue.adapter.exchangeInfo({ refresh: true });
    expect(
      (await venue.sim.admin.requests()).filter((r) => r.path === '/api/v3/exchangeInfo'),
    ).toHaveLength(2);
  });

  it('measures the server time offset', async () => {
    const synced = await venue.adapter.syncTime();
    expect(synced.kind).toBe('ok');
    expect(Math.abs(venue.adapter.timeOffsetMs())).toBeLessThan(1_000);
    expect(venue.adapter.health()).toEqual({ state: 'healthy' });
  });
});

describe('BinanceSpotAdapter - the open-orders-only duplicate rule', () => {
  it('a second placement while the first is open is a duplicate and places nothing', async () => {
    expect((await venue.adapter.placeOrder(restingBuy('dup'))).kind).toBe('placed');
    expect(await venue.adapter.placeOrder(restingBuy('dup'))).toEqual({
      kind: 'duplicate',
      message: 'Duplicate order sent.',
    });
    const truth = await venue.sim.admin.orders({ apiKey: venue.apiKey });
    expect(truth.filter((o) => o.clientOrderId === clientOrderIdFor('dup'))).toHaveLength(1);
  });

  it('after a cancel the same client order id is accepted again: a second order exists', async () => {
    expect((await venue.adapter.placeOrder(restingBuy('reuse-cancel'))).kind).toBe('placed');
    expect(
      (
        await venue.adapter.cancelOrder({
          symbol: 'BTCUSDT',
          clientOrderId: clientOrderIdFor('reuse-cancel'),
        })
      ).kind,
    ).toBe('ok');
    expect(await venue.adapter.placeOrder(restingBuy('reuse-cancel'))).toMatchObject({
      kind: 'placed',
    });
    const truth = await venue.sim.admin.orders({ apiKey: venue.apiKey });
    expect(truth.filter((o) => o.clientOrderId === clientOrderIdFor('reuse-cancel'))).toHaveLength(
      2,
    );
  });

  it('after a fill the same client order id is accepted again: a resend would double-fill', async () => {
    const order: PlaceOrderRequest = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
      clientOrderId: clientOrderIdFor('reuse-fill'),
    };
    expect(await venue.adapter.placeOrder(order)).toMatchObject({
      kind: 'placed',
      order: { status: 'FILLED' },
    });
    expect(await venue.adapter.placeOrder(order)).toMatchObject({
      kind: 'placed',
      order: { status: 'FILLED' },
    });
    const truth = await venue.sim.admin.orders({ apiKey: venue.apiKey });
    expect(
      truth.filter(
        (o) => o.clientOrderId === clientOrderIdFor('reuse-fill') && o.status === 'FILLED',
      ),
    ).toHaveLength(2);
  });
});
