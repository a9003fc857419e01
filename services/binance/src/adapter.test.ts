import { createLogger } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { createBinanceSpotAdapter } from './adapter.js';
import { apiError, fakeVenue, limitOrder, never, setup, wire } from './adapter.test-support.js';
import { canceledBody, exchangeInfoBody, queriedBody } from './fixtures.test-support.js';

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

  it('cancelAllOpenOrders hands out every cancelled order with our ids', async () => {
    const s = setup();
    expect(await s.adapter.cancelAllOpenOrders('BTCUSDT')).toMatchObject({
      kind: 'ok',
      value: [{ clientOrderId: 'lg-abc', status: 'CANCELED' }],
    });
    expect(s.calls.at(-1)).toEqual({
      method: 'cancelOpenOrders',
      payload: { symbol: 'BTCUSDT', recvWindow: 5000 },
    });
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

  it('without stream URLs: no streams, and a user data listener is never called', () => {
    const s = setup();
    expect(s.adapter.streamStatus()).toEqual({ userData: 'off', prices: [] });
    const remove = s.adapter.listenUserData({ onEvent: () => expect.fail('no stream') });
    remove();
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
