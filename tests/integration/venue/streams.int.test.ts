import {
  clientOrderIdFor,
  type AccountInfo,
  createBinanceSpotAdapter,
  openPriceView,
  type BinanceSpotAdapter,
  type PlaceOrderRequest,
  type ResyncReason,
  type UserDataEvent,
} from '@livegate/binance';
import { createLogger } from '@livegate/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVenue, type VenueFixture } from './venue-fixture.js';
import { eventually, Waitable } from './waitable.js';

let venue: VenueFixture;
let adapter: BinanceSpotAdapter;
let resyncs: Waitable<ResyncReason>;
let events: Waitable<UserDataEvent>;
/** Added to the adapter's clock (a stale price without waiting). */
let skewMs: number;
let seq: number;

beforeEach(async () => {
  venue = await startVenue();
  skewMs = 0;
  seq = 0;
  resyncs = new Waitable<ResyncReason>();
  events = new Waitable<UserDataEvent>();
  adapter = createBinanceSpotAdapter({
    config: {
      name: 'sim',
      baseUrl: venue.sim.url,
      apiKey: venue.apiKey,
      apiSecret: venue.apiSecret,
      wsApiUrl: venue.sim.wsApiUrl,
      streamUrl: venue.sim.wsStreamsUrl,
      streamPriceMaxAgeMs: 5_000,
      timeoutMs: 2_000,
    },
    logger: createLogger({ service: 'streams-test', level: 'silent' }),
    now: () => Date.now() + skewMs,
  });
  adapter.listenUserData({ onResync: resyncs.push, onEvent: events.push });
});
afterEach(async () => {
  adapter.close();
  await venue.stop();
});

const market = (quantity = '0.001', side: 'BUY' | 'SELL' = 'BUY'): PlaceOrderRequest => ({
  symbol: 'BTCUSDT',
  side,
  type: 'MARKET',
  quantity,
  clientOrderId: clientOrderIdFor(`streams-${++seq}`),
});
const limit = (
  quantity: string,
  price: string,
  side: 'BUY' | 'SELL' = 'BUY',
): PlaceOrderRequest => ({
  symbol: 'BTCUSDT',
  side,
  type: 'LIMIT',
  quantity,
  price,
  timeInForce: 'GTC',
  clientOrderId: clientOrderIdFor(`streams-${++seq}`),
});

const all = () => venue.sim.admin.requests();
/** The venue requests (path and weight) that `act` caused. */
async function requestsOf(act: () => Promise<unknown>) {
  const before = (await all()).length;
  await act();
  return (await all()).slice(before).map((r) => `${r.method} ${r.path} w${r.weight}`);
}
const userDataLive = () =>
  eventually(() => adapter.streamStatus().userData === 'live', 'the account view');
const priceLive = () =>
  eventually(() => adapter.streamStatus().prices.includes('BTCUSDT'), 'the streamed price');
async function steady(): Promise<void> {
  await userDataLive();
  expect((await adapter.placeOrder(market())).kind).toBe('placed'); // first sight of BTCUSDT
  await priceLive();
}

describe('adapter on the venue streams', () => {
  it('in steady state an order costs exactly one request (weight 1)', async () => {
    const warmUp = (await all()).map((r) => r.path);
    expect(warmUp).toEqual(expect.arrayContaining(['/api/v3/exchangeInfo', '/api/v3/time']));
    await steady();
    const orders = [market(), limit('0.001', '50000.00'), market('0.001', 'SELL'), market()];
    for (const order of orders) {
      const sent = await requestsOf(async () =>
        expect((await adapter.placeOrder(order)).kind).toBe('placed'),
      );
      expect(sent).toEqual(['POST /api/v3/order w1']);
    }
  });

  it('balances follow fills and deposits without a REST read', async () => {
    await steady();
    // A listener added once the view is synced is told the account at once, then every change.
    const accounts: AccountInfo[] = [];
    adapter.listenUserData({ onAccount: (a) => accounts.push(a) });
    adapter.listenUserData({});
    expect(accounts).toHaveLength(1);
    // 1 BTC held; a SELL of 1.05 needs the fill of the resting BUY below.
    const resting = await adapter.placeOrder(limit('0.1', '50000.00'));
    if (resting.kind !== 'placed') throw new Error('not placed');
    const from = events.items.length;
    await venue.sim.admin.fillOrder(Number(resting.order.orderId));
    await events.next((e) => e.kind === 'accountPosition', "the fill's position", from);
    expect(await requestsOf(() => adapter.placeOrder(limit('1.05', '60000.00', 'SELL')))).toEqual([
      'POST /api/v3/order w1',
    ]);
    // A deposit is spendable at once: about 5,000 USDT left, 100,000 deposited.
    const before = events.items.length;
    await venue.sim.admin.fund({ apiKey: venue.apiKey, asset: 'USDT', amount: '100000' });
    await events.next((e) => e.kind === 'accountPosition', "the deposit's position", before);
    expect(Number(accounts.at(-1)?.balances.get('USDT')?.free)).toBeGreaterThan(100_000);
    expect(await requestsOf(() => adapter.placeOrder(limit('1.5', '50000.00')))).toEqual([
      'POST /api/v3/order w1',
    ]);
    // Spending more than the account holds: refused after a REST re-read, nothing sent.
    const refused = await requestsOf(async () =>
      expect(await adapter.placeOrder(limit('100', '50000.00'))).toMatchObject({
        kind: 'rejected',
        source: 'local',
      }),
    );
    expect(refused).toEqual(['GET /api/v3/account w20']);
  });

  it('reconnects after the simulator drops the connections, then resyncs by REST', async () => {
    await steady();
    await resyncs.next((r) => r === 'subscribed', 'the subscription');
    const dropped = await requestsOf(async () => {
      await venue.sim.admin.dropWebsockets();
      await resyncs.next((r) => r === 'resubscribed', 'the resubscription');
      await userDataLive();
      await priceLive();
    });
    expect(dropped).toEqual(['GET /api/v3/account w20']);
    expect(await requestsOf(() => adapter.placeOrder(market()))).toEqual(['POST /api/v3/order w1']);
  });

  it('a gap in the user data stream: a REST resync', async () => {
    await steady();
    const resting = await adapter.placeOrder(limit('0.002', '50000.00'));
    if (resting.kind !== 'placed') throw new Error('not placed');
    const orderId = Number(resting.order.orderId);
    const resynced = await requestsOf(async () => {
      await venue.sim.admin.skipUserEvents({ count: 2 });
      await venue.sim.admin.fillOrder(orderId, { qty: '0.001' });
      await venue.sim.admin.fillOrder(orderId, { qty: '0.001' });
      await resyncs.next((r) => r === 'missed-events', 'the gap');
      await userDataLive();
    });
    expect(resynced).toEqual(['GET /api/v3/account w20']);
  });

  it('a stale or disconnected price: the reference price by REST', async () => {
    await steady();
    skewMs = 60_000; // no book change for a minute
    expect(adapter.streamStatus().prices).toEqual([]);
    const stale = await requestsOf(() => adapter.placeOrder(market()));
    expect(stale).toEqual(['GET /api/v3/avgPrice w2', 'POST /api/v3/order w1']);
    skewMs = 0;
    await venue.sim.admin.setPrice({ symbol: 'BTCUSDT', price: '61000.00' }); // the book moves
    await priceLive();
    const ready = await adapter.checkOrder(market(), { referencePrice: true });
    expect(ready).toMatchObject({ kind: 'ready' });
    expect(Number((ready as { referencePrice: string }).referencePrice)).toBeGreaterThan(60_000);
  });

  it('a filter refusal (-1013) refetches exchangeInfo in the background', async () => {
    await steady();
    // 1/60 of the price: PERCENT_PRICE_BY_SIDE, which only the venue applies.
    const refused = await requestsOf(async () => {
      expect(await adapter.placeOrder(limit('0.01', '1000.00'))).toMatchObject({
        kind: 'rejected',
        code: -1013,
      });
      await eventually(
        async () => (await all()).at(-1)?.path === '/api/v3/exchangeInfo',
        'the refetch',
      );
    });
    expect(refused).toEqual(['POST /api/v3/order w1', 'GET /api/v3/exchangeInfo w20']);
  });

  it('a one-sided book has no streamed price; a failing snapshot keeps the view syncing', async () => {
    await steady();
    await venue.sim.admin.injectFault({ kind: 'rate-limit', path: '/api/v3/account', count: 5 });
    await venue.sim.admin.setDepth({ symbol: 'BTCUSDT', levels: [] });
    await eventually(() => adapter.streamStatus().prices.length === 0, 'the empty book');
    await venue.sim.admin.dropWebsockets();
    await resyncs.next((r) => r === 'resubscribed', 'the resubscription');
    await eventually(() => adapter.streamStatus().userData === 'syncing', 'a failed snapshot');
    const listener = adapter.listenUserData({});
    listener();
  });
});

describe('adapter with one of the two streams', () => {
  it('market stream only: balances by REST, prices streamed; a dead WebSocket API is down', async () => {
    const partial = (patch: { wsApiUrl?: string; streamUrl?: string }) =>
      createBinanceSpotAdapter({
        config: {
          name: 'sim',
          baseUrl: venue.sim.url,
          apiKey: venue.apiKey,
          apiSecret: venue.apiSecret,
          balanceTtlMs: 0,
          ...patch,
        },
        logger: createLogger({ service: 'streams-test', level: 'silent' }),
      });
    const pricesOnly = partial({ streamUrl: venue.sim.wsStreamsUrl });
    const dead = partial({ wsApiUrl: 'ws://127.0.0.1:9/ws-api/v3' });
    try {
      expect(pricesOnly.streamStatus()).toEqual({ userData: 'off', prices: [] });
      expect(dead.streamStatus()).toEqual({ userData: 'down', prices: [] });
      expect((await pricesOnly.placeOrder(market())).kind).toBe('placed');
      await eventually(() => pricesOnly.streamStatus().prices.length === 1, 'the price');
      const sent = await requestsOf(() => pricesOnly.placeOrder(market()));
      expect(sent).toEqual(['GET /api/v3/account w20', 'POST /api/v3/order w1']);
    } finally {
      pricesOnly.close();
      dead.close();
    }
  });
});

describe('price view', () => {
  it('a symbol asked for before the connection opens is subscribed once it does', async () => {
    const view = openPriceView({
      url: venue.sim.wsStreamsUrl,
      logger: createLogger({ service: 'streams-test', level: 'silent' }),
      now: Date.now,
      maxAgeMs: 5_000,
    });
    try {
      expect(view.price('ETHUSDT')).toBeUndefined();
      await eventually(() => view.price('ETHUSDT') !== undefined, 'the streamed price');
      expect(view.price('ETHUSDT')).toBe('3000');
    } finally {
      await view.close();
    }
  });
});
