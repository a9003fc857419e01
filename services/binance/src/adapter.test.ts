import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { createLogger } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { createBinanceSpotAdapter } from './adapter.js';
import {
  accountBody,
  canceledBody,
  exchangeInfoBody,
  placedBody,
  queriedBody,
  tradeBody,
} from './fixtures.test-support.js';
import type { PlaceOrderRequest } from './order-request.js';
import type { SpotClient } from './spot-client.js';
import type { VenueHealth } from './venue-health.js';

// Answers go through the library's own JSON parser: null prototypes, BigNumber ids.
const requireFromLibrary = createRequire(
  createRequire(import.meta.url).resolve('binance-api-node'),
);
const JSONbig = requireFromLibrary('json-bigint') as { parse(text: string): unknown };
const wire = (body: unknown) =>
  JSONbig.parse(JSON.stringify(body).replace('"orderId":28', '"orderId":12345678901234567'));

type Method = keyof SpotClient;
type Handler = (payload: Record<string, string | number> | undefined) => unknown;

/** Shaped like binance-api-node's error for a JSON error body (its url carries the signature). */
const apiError = (code: number, msg: string) =>
  Object.assign(new Error(msg), {
    code,
    url: 'http://venue/api/v3/x?timestamp=1&signature=abc123',
  });
const never = () => new Promise<never>(() => {});

function fakeVenue(overrides: Partial<Record<Method, Handler | Handler[]>> = {}) {
  const calls: Array<{ method: Method; payload: Record<string, string | number> | undefined }> = [];
  const defaults: Record<Method, Handler> = {
    time: () => 1_000_500,
    exchangeInfo: () => wire(exchangeInfoBody),
    avgPrice: () => wire({ mins: 5, price: '60000.00000000', closeTime: 1 }),
    prices: () => wire({ BTCUSDT: '61000.00000000' }),
    order: () => wire(placedBody),
    getOrder: () => wire(queriedBody),
    cancelOrder: () => wire(canceledBody),
    cancelOpenOrders: () => wire([canceledBody]),
    openOrders: () => wire([queriedBody]),
    myTrades: () => wire([tradeBody]),
    accountInfo: () => wire(accountBody),
  };
  const client = Object.fromEntries(
    (Object.keys(defaults) as Method[]).map((method) => {
      const queue = overrides[method];
      return [
        method,
        async (payload?: Record<string, string | number>) => {
          calls.push({ method, payload });
          const handler = Array.isArray(queue)
            ? queue.length > 1
              ? queue.shift()
              : queue[0]
            : queue;
          return (handler ?? defaults[method])(payload);
        },
      ];
    }),
  ) as unknown as SpotClient;
  return { client, calls, methods: () => calls.map((c) => c.method) };
}

function setup(
  overrides: Partial<Record<Method, Handler | Handler[]>> = {},
  config: Record<string, unknown> = {},
) {
  let t = 1_000_000;
  const venue = fakeVenue(overrides);
  const lines: string[] = [];
  const health: VenueHealth[] = [];
  const logger = createLogger({
    service: 'test',
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  });
  const adapter = createBinanceSpotAdapter({
    config: {
      name: 'fake',
      baseUrl: 'http://venue',
      apiKey: 'key',
      apiSecret: 'secret',
      timeoutMs: 50,
      ...config,
    },
    logger,
    now: () => t,
    client: venue.client,
    onHealthChange: (h) => health.push(h),
  });
  return { adapter, ...venue, lines, health, advance: (ms: number) => (t += ms) };
}

const limitOrder: PlaceOrderRequest = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.001',
  price: '60000.00',
  timeInForce: 'GTC',
  clientOrderId: 'lg-abc',
};
const marketOrder: PlaceOrderRequest = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.001',
  clientOrderId: 'lg-mkt',
};

describe('placeOrder', () => {
  it('checks against cached exchangeInfo and the account, measures the clock, then sends once', async () => {
    const s = setup();
    const outcome = await s.adapter.placeOrder(limitOrder);
    expect(outcome).toEqual({
      kind: 'placed',
      order: {
        symbol: 'BTCUSDT',
        orderId: '12345678901234567',
        clientOrderId: 'lg-abc',
        price: '60000.00000000',
        origQty: '0.00100000',
        executedQty: '0.00000000',
        cummulativeQuoteQty: '0.00000000',
        status: 'NEW',
        timeInForce: 'GTC',
        type: 'LIMIT',
        side: 'BUY',
        updatedAt: 1_700_000_000_100,
        fills: [],
      },
    });
    expect(Object.getPrototypeOf(outcome.kind === 'placed' && outcome.order)).toBe(
      Object.prototype,
    );
    expect(s.methods()).toEqual(['exchangeInfo', 'time', 'accountInfo', 'order']);
    expect(s.calls.at(-1)?.payload).toEqual({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      newClientOrderId: 'lg-abc',
      newOrderRespType: 'FULL',
      recvWindow: 5000,
      quantity: '0.001',
      price: '60000.00',
      timeInForce: 'GTC',
    });
    expect(s.adapter.timeOffsetMs()).toBe(500);

    await s.adapter.placeOrder({ ...limitOrder, clientOrderId: 'lg-2' });
    expect(s.methods().slice(4)).toEqual(['order']); // exchangeInfo, clock and balances (balanceTtlMs) cached
    s.advance(1_000);
    await s.adapter.placeOrder({ ...limitOrder, clientOrderId: 'lg-3' });
    expect(s.methods().slice(5)).toEqual(['accountInfo', 'order']); // the balance snapshot is older than balanceTtlMs
  });

  it('refuses a malformed order and an unlisted symbol without a request for the order', async () => {
    const s = setup();
    expect(await s.adapter.placeOrder({ ...limitOrder, price: undefined })).toEqual({
      kind: 'rejected',
      source: 'local',
      code: 'INVALID_INTENT',
      message: 'INVALID_INTENT: price: required for a LIMIT order',
    });
    expect(await s.adapter.placeOrder(null as unknown as PlaceOrderRequest)).toMatchObject({
      code: 'INVALID_INTENT',
      message: expect.stringContaining('(root)'),
    });
    expect(await s.adapter.placeOrder({ ...limitOrder, symbol: 'DOGEUSDT' })).toMatchObject({
      code: 'INVALID_INTENT',
      message: 'INVALID_INTENT: symbol DOGEUSDT is not listed on this venue',
    });
    expect(await s.adapter.placeOrder({ ...limitOrder, price: '60000.001' })).toMatchObject({
      code: 'PRICE_FILTER',
    });
    expect(s.methods()).toEqual(['exchangeInfo']);
    expect(s.lines.join('\n')).toContain('"msg":"order not sent"');
  });

  it('values a MARKET order at avgPrice by default, or the ticker price when configured', async () => {
    const avg = setup();
    expect(await avg.adapter.placeOrder({ ...marketOrder, quantity: '0.00008' })).toMatchObject({
      code: 'NOTIONAL',
      message: 'NOTIONAL: notional 4.8 at reference price 60000.00000000 is below 5',
    });
    expect(avg.calls.find((c) => c.method === 'avgPrice')?.payload).toEqual({ symbol: 'BTCUSDT' });

    const ticker = setup({}, { marketPriceSource: 'tickerPrice' });
    expect(await ticker.adapter.placeOrder(marketOrder)).toMatchObject({ kind: 'placed' });
    expect(ticker.calls.find((c) => c.method === 'prices')?.payload).toEqual({ symbol: 'BTCUSDT' });
  });

  it('a prerequisite that cannot be fetched means nothing is sent', async () => {
    const timedOut = setup({ exchangeInfo: never });
    expect(await timedOut.adapter.placeOrder(limitOrder)).toEqual({
      kind: 'unavailable',
      cause: 'timeout',
      message: 'exchangeInfo could not be fetched, nothing was sent: no answer within 50 ms',
    });

    const refusedInfo = setup({
      exchangeInfo: () => Promise.reject(apiError(-1121, 'Invalid symbol.')),
    });
    expect(await refusedInfo.adapter.placeOrder(limitOrder)).toMatchObject({
      kind: 'unavailable',
      cause: 'unrecognised',
    });

    const noPrice = setup({ avgPrice: () => wire({ mins: 5 }) });
    expect(await noPrice.adapter.placeOrder(marketOrder)).toMatchObject({
      kind: 'unavailable',
      cause: 'invalid-response',
    });

    const tickerMissing = setup(
      { prices: () => wire({ ETHUSDT: '1' }) },
      { marketPriceSource: 'tickerPrice' },
    );
    expect(await tickerMissing.adapter.placeOrder(marketOrder)).toMatchObject({
      kind: 'unavailable',
      cause: 'invalid-response',
    });

    const limited = setup({
      accountInfo: () => Promise.reject(apiError(-1003, 'Too many requests queued.')),
    });
    expect(await limited.adapter.placeOrder(limitOrder)).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 10_000,
    });

    for (const s of [timedOut, refusedInfo, noPrice, tickerMissing, limited])
      expect(s.methods()).not.toContain('order');
  });

  it('re-reads a cached balance before refusing for it', async () => {
    const poor = {
      ...accountBody,
      balances: [{ asset: 'USDT', free: '1.00000000', locked: '0.00000000' }],
    };
    const s = setup(
      { accountInfo: [() => wire(poor), () => wire(accountBody)] },
      { balanceTtlMs: 60_000 },
    );
    expect((await s.adapter.account()).kind).toBe('ok');
    s.advance(1);
    expect(await s.adapter.placeOrder(limitOrder)).toMatchObject({ kind: 'placed' });
    expect(s.methods().filter((m) => m === 'accountInfo')).toHaveLength(2);
  });

  it('refuses when the re-read still shows too little, and sends nothing when the re-read fails', async () => {
    const poor = { ...accountBody, takerCommission: 0, balances: [] };
    const still = setup({ accountInfo: () => wire(poor) }, { balanceTtlMs: 60_000 });
    await still.adapter.account();
    still.advance(1);
    expect(await still.adapter.placeOrder(limitOrder)).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      message: 'INSUFFICIENT_BALANCE: needs 60 USDT (cost plus commission at 0), free is 0',
    });

    const failing = setup(
      {
        accountInfo: [
          () => wire(poor),
          () => Promise.reject(apiError(-1022, 'Signature for this request is not valid.')),
        ],
      },
      { balanceTtlMs: 60_000 },
    );
    await failing.adapter.account();
    failing.advance(1);
    expect(await failing.adapter.placeOrder(limitOrder)).toMatchObject({
      kind: 'config-fault',
      code: -1022,
    });
    expect(failing.methods()).not.toContain('order');
  });

  it('a venue filter failure (-1013) makes the next placement fetch exchangeInfo afresh', async () => {
    const s = setup({
      order: [
        () => Promise.reject(apiError(-1013, 'Filter failure: LOT_SIZE')),
        () => wire(placedBody),
      ],
    });
    expect(await s.adapter.placeOrder(limitOrder)).toEqual({
      kind: 'rejected',
      source: 'venue',
      code: -1013,
      message: 'Filter failure: LOT_SIZE',
    });
    expect(await s.adapter.placeOrder(limitOrder)).toMatchObject({ kind: 'placed' });
    expect(s.methods().filter((m) => m === 'exchangeInfo')).toHaveLength(2);
  });

  it('returns the venue outcome of the send: duplicate, unknown on an unparseable answer', async () => {
    const dup = setup({ order: () => Promise.reject(apiError(-2010, 'Duplicate order sent.')) });
    expect(await dup.adapter.placeOrder(limitOrder)).toEqual({
      kind: 'duplicate',
      message: 'Duplicate order sent.',
    });

    const ack = setup({
      order: () =>
        wire({ symbol: 'BTCUSDT', orderId: 1, clientOrderId: 'lg-abc', transactTime: 1 }),
    });
    expect(await ack.adapter.placeOrder(limitOrder)).toMatchObject({
      kind: 'unknown',
      cause: 'invalid-response',
      message: expect.stringMatching(/^unexpected answer: price: /),
    });
  });
});

describe('lookups, cancels and queries', () => {
  it('getOrder and cancelOrder go by origClientOrderId and hand out our id', async () => {
    const s = setup();
    expect(await s.adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'lg-abc' })).toMatchObject({
      kind: 'ok',
      value: {
        orderId: '12345678901234567',
        clientOrderId: 'lg-abc',
        updatedAt: 1_700_000_000_200,
      },
    });
    expect(
      await s.adapter.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: 'lg-abc' }),
    ).toMatchObject({
      kind: 'ok',
      value: { clientOrderId: 'lg-abc', status: 'CANCELED', updatedAt: 1_700_000_000_300 },
    });
    expect(
      s.calls
        .filter((c) => c.method === 'getOrder' || c.method === 'cancelOrder')
        .map((c) => c.payload),
    ).toEqual([
      { symbol: 'BTCUSDT', origClientOrderId: 'lg-abc', recvWindow: 5000 },
      { symbol: 'BTCUSDT', origClientOrderId: 'lg-abc', recvWindow: 5000 },
    ]);
  });

  it('maps not-found for lookups and cancels', async () => {
    const s = setup({
      getOrder: () => Promise.reject(apiError(-2013, 'Order does not exist.')),
      cancelOrder: () => Promise.reject(apiError(-2011, 'Unknown order sent.')),
    });
    expect(await s.adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })).toMatchObject({
      kind: 'not-found',
      code: -2013,
    });
    expect(await s.adapter.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })).toMatchObject({
      kind: 'not-found',
      code: -2011,
    });
  });

  it('openOrders with and without a symbol; cancelAllOpenOrders with nothing open is ok and empty', async () => {
    const s = setup({
      cancelOpenOrders: [
        () => wire([canceledBody]),
        () => Promise.reject(apiError(-2011, 'Unknown order sent.')),
        never,
      ],
    });
    expect(await s.adapter.openOrders('BTCUSDT')).toMatchObject({
      kind: 'ok',
      value: [{ clientOrderId: 'lg-abc' }],
    });
    expect(await s.adapter.openOrders()).toMatchObject({ kind: 'ok' });
    expect(s.calls.filter((c) => c.method === 'openOrders').map((c) => c.payload)).toEqual([
      { symbol: 'BTCUSDT', recvWindow: 5000 },
      { recvWindow: 5000 },
    ]);
    expect(await s.adapter.cancelAllOpenOrders('BTCUSDT')).toMatchObject({
      kind: 'ok',
      value: [{ status: 'CANCELED' }],
    });
    expect(await s.adapter.cancelAllOpenOrders('BTCUSDT')).toEqual({ kind: 'ok', value: [] });
    expect(await s.adapter.cancelAllOpenOrders('BTCUSDT')).toMatchObject({
      kind: 'unknown',
      cause: 'timeout',
    });
  });

  it('myTrades passes only the given filters', async () => {
    const s = setup();
    expect(
      await s.adapter.myTrades({ symbol: 'BTCUSDT', orderId: '12345678901234567' }),
    ).toMatchObject({
      kind: 'ok',
      value: [{ id: '7', orderId: '12345678901234567', commission: '0.00000100', isBuyer: true }],
    });
    expect(s.calls.find((c) => c.method === 'myTrades')?.payload).toEqual({
      symbol: 'BTCUSDT',
      orderId: '12345678901234567',
      recvWindow: 5000,
    });
  });

  it('exchangeInfo is cached for its TTL; refresh fetches; account reads fresh; failures are typed', async () => {
    const s = setup(
      {
        exchangeInfo: [
          () => wire(exchangeInfoBody),
          () => wire(exchangeInfoBody),
          () => Promise.reject(apiError(-1003, 'x')),
        ],
      },
      { exchangeInfoTtlMs: 1_000 },
    );
    const info = await s.adapter.exchangeInfo();
    expect(info.kind === 'ok' && info.value.symbols.get('ETHBTC')?.quoteAssetPrecision).toBe(8);
    await s.adapter.exchangeInfo();
    s.advance(1_000);
    await s.adapter.exchangeInfo();
    expect(await s.adapter.exchangeInfo({ refresh: true })).toMatchObject({ kind: 'rate-limited' });
    expect(s.methods()).toEqual(['exchangeInfo', 'exchangeInfo', 'exchangeInfo']);

    const account = await s.adapter.account();
    expect(account.kind === 'ok' && account.value.takerRate).toBe('0.001');
    const broken = setup({ accountInfo: never });
    expect(await broken.adapter.account()).toMatchObject({ kind: 'unknown', cause: 'timeout' });
  });
});

describe('clock, health and bans', () => {
  it('syncTime measures serverTime minus the round-trip midpoint; a failed measure keeps the old offset', async () => {
    const s = setup({ time: [() => 1_000_250, never, () => 1_000_000] }, { timeSyncTtlMs: 10 });
    expect(await s.adapter.syncTime()).toEqual({ kind: 'ok', value: { offsetMs: 250 } });
    s.advance(10);
    expect(await s.adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })).toMatchObject({
      kind: 'ok',
    });
    expect(s.adapter.timeOffsetMs()).toBe(250);
    expect(s.lines.join('\n')).toContain('venue clock not measured; keeping the last offset');
  });

  it('-1021 marks the clock stale and the venue unhealthy; the next call re-measures and recovers', async () => {
    const s = setup({
      getOrder: [
        () =>
          Promise.reject(
            apiError(-1021, 'Timestamp for this request is outside of the recvWindow.'),
          ),
        () => wire(queriedBody),
      ],
      time: [() => 1_000_000, () => 1_003_000],
    });
    expect(await s.adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })).toMatchObject({
      kind: 'config-fault',
      code: -1021,
    });
    expect(s.adapter.health()).toMatchObject({ state: 'unhealthy', code: -1021 });
    expect(await s.adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })).toMatchObject({
      kind: 'ok',
    });
    expect(s.adapter.timeOffsetMs()).toBe(3_000);
    expect(s.health.map((h) => h.state)).toEqual(['unhealthy', 'healthy']);
    expect(s.lines.join('\n')).toContain('venue refused our configuration; venue marked unhealthy');
  });

  it('a 418 ban stops every call locally until it ends', async () => {
    const s = setup({
      openOrders: () =>
        Promise.reject(
          apiError(-1003, 'Way too much request weight used; IP banned until 1060000.'),
        ),
    });
    expect(await s.adapter.openOrders('BTCUSDT')).toMatchObject({
      kind: 'rate-limited',
      banned: true,
      retryAfterMs: 60_000,
    });
    const before = s.calls.length;
    s.advance(10_000);
    expect(await s.adapter.placeOrder(limitOrder)).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 50_000,
      banned: true,
      message: 'venue stopped after an IP ban (HTTP 418); nothing was sent',
    });
    expect(s.calls.length).toBe(before);
    expect(s.adapter.health()).toMatchObject({ state: 'stopped', until: 1_060_000 });
    s.advance(50_000);
    expect(s.adapter.health()).toEqual({ state: 'healthy' });
  });

  it('logs refusals and unknowns without secrets, and close releases the probe', async () => {
    const s = setup({
      getOrder: () =>
        Promise.reject(apiError(-1100, 'Illegal characters found in parameter secret')),
    });
    expect(await s.adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })).toMatchObject({
      kind: 'rejected',
      message: 'Illegal characters found in parameter [redacted]',
    });
    const log = s.lines.join('\n');
    expect(log).toContain('"msg":"venue refused"');
    expect(log).not.toContain('abc123');
    s.adapter.close();
    s.adapter.close();
  });
});

describe('createBinanceSpotAdapter', () => {
  it('refuses bad configuration naming the field, never its value', () => {
    expect(() =>
      createBinanceSpotAdapter({
        config: { name: 'x', baseUrl: 'http://h/api', apiKey: 'k', apiSecret: 'hunter2' },
        logger: createLogger({ service: 't' }),
      }),
    ).toThrow(
      'invalid venue configuration: baseUrl: must be the host root without "/api" (binance-api-node adds /api/v3/...)',
    );
  });

  it('works without a health listener, and reports thrown non-errors and non-object answers as unknown', async () => {
    const { client } = fakeVenue({
      getOrder: () => Promise.reject('socket gone'),
      exchangeInfo: () => 'garbage',
    });
    const adapter = createBinanceSpotAdapter({
      config: {
        name: 'x',
        baseUrl: 'http://venue',
        apiKey: 'test-key-1',
        apiSecret: 'test-secret-1',
      },
      logger: createLogger({ service: 't', level: 'silent' }),
      client,
    });
    expect(await adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })).toMatchObject({
      kind: 'unknown',
      message: 'socket gone',
    });
    expect(await adapter.exchangeInfo()).toMatchObject({
      kind: 'unknown',
      cause: 'invalid-response',
      message: expect.stringMatching(/^unexpected answer: \(root\): /),
    });
    const banned = fakeVenue({
      openOrders: () => Promise.reject(apiError(-1003, 'IP banned until 99999999999999')),
    });
    const quiet = createBinanceSpotAdapter({
      config: { name: 'y', baseUrl: 'http://venue', apiKey: 'k', apiSecret: 's' },
      logger: createLogger({ service: 't', level: 'silent' }),
      client: banned.client,
    });
    expect(await quiet.openOrders()).toMatchObject({ kind: 'rate-limited', banned: true });
    expect(quiet.health()).toMatchObject({ state: 'stopped' });
  });

  it('builds on binance-api-node when no client is given', () => {
    const adapter = createBinanceSpotAdapter({
      config: { name: 'lib', baseUrl: 'http://127.0.0.1:9', apiKey: 'k', apiSecret: 's' },
      logger: createLogger({ service: 't' }),
    });
    expect(adapter.name).toBe('lib');
    expect(adapter.health()).toEqual({ state: 'healthy' });
    adapter.close();
  });
});
