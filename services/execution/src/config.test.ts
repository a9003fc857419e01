import { ConfigError } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { defaultInstanceId, loadExecutionConfig } from './config.js';
import { settingsFrom } from './service.js';

const venues = {
  PAPER_BASE_URL: 'http://127.0.0.1:8090/',
  PAPER_API_KEY: 'paperkey',
  PAPER_API_SECRET: 'papersecret',
  LIVE_BASE_URL: 'http://127.0.0.1:8090',
  LIVE_API_KEY: 'livekey',
  LIVE_API_SECRET: 'livesecret',
};

describe('execution config', () => {
  it('applies the defaults and freezes the result', () => {
    const c = loadExecutionConfig({ ...venues, EXECUTION_INSTANCE_ID: 'exec-a' });
    expect(c).toEqual({
      natsUrl: 'nats://127.0.0.1:4222',
      databaseUrl: 'postgres://livegate_execution@127.0.0.1:5432/livegate',
      namespace: '',
      venues: {
        paper: {
          name: 'paper',
          baseUrl: 'http://127.0.0.1:8090',
          apiKey: 'paperkey',
          apiSecret: 'papersecret',
          recvWindowMs: 2000,
          timeoutMs: 10000,
          weightPerMinute: 6000,
          ordersPer10s: 100,
          readShare: 0.5,
          orderShare: 0.9,
          streamSilenceMs: 30_000,
          marketPriceSource: 'avgPrice',
        },
        live: {
          name: 'live',
          baseUrl: 'http://127.0.0.1:8090',
          apiKey: 'livekey',
          apiSecret: 'livesecret',
          recvWindowMs: 2000,
          timeoutMs: 10000,
          weightPerMinute: 6000,
          ordersPer10s: 100,
          readShare: 0.5,
          orderShare: 0.9,
          streamSilenceMs: 30_000,
          marketPriceSource: 'avgPrice',
        },
      },
      intentMaxAgeMs: 30_000,
      intentFutureMarginMs: 2_000,
      intentDuplicateWindowMs: undefined,
      instanceId: 'exec-a',
      concurrency: 16,
      ackWaitMs: 5_000,
      maxDeliver: 200,
      sendBudgetMs: 1_000,
      killPollMs: 500,
      clockMarginMs: 1000,
      notPlacedConfirmMs: 10_000,
      requireReconcile: true,
      crashAt: undefined,
      freezeAt: undefined,
      startupRetry: { initialMs: 500, maxMs: 15_000, jitter: 0.2 },
      logLevel: 'info',
      prettyLogs: false,
      userStreamUrls: {},
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.venues.live)).toBe(true);
  });

  it('reads every variable', () => {
    const c = loadExecutionConfig({
      ...venues,
      NATS_URL: 'nats://n:4222',
      DATABASE_URL: 'postgres://db/x',
      LIVEGATE_NAMESPACE: 'ns1',
      INTENT_MAX_AGE_S: '9',
      INTENT_MAX_FUTURE_MS: '500',
      INTENT_DUPLICATE_WINDOW_MS: '60000',
      EXECUTION_CONCURRENCY: '4',
      EXECUTION_ACK_WAIT_MS: '3000',
      EXECUTION_MAX_DELIVER: '50',
      EXECUTION_SEND_BUDGET_MS: '250',
      EXECUTION_KILL_POLL_MS: '100',
      CLOCK_MARGIN_MS: '0',
      NOT_PLACED_CONFIRM_MS: '4000',
      EXECUTION_REQUIRE_RECONCILE: 'false',
      VENUE_RECV_WINDOW_MS: '1000',
      VENUE_TIMEOUT_MS: '500',
      VENUE_MARKET_PRICE_SOURCE: 'tickerPrice',
      EXECUTION_CRASH_AT: 'after-exchange-accept',
      EXECUTION_FREEZE_AT: 'after-fence-commit',
      STARTUP_RETRY_DELAY_MS: '50',
      STARTUP_RETRY_MAX_DELAY_MS: '800',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
      PAPER_WS_API_URL: 'ws://127.0.0.1:8090/ws-api/v3',
      LIVE_WS_API_URL: 'wss://ws-api.binance.com:443/ws-api/v3',
      VENUE_STREAM_SILENCE_MS: '250',
      PAPER_WEIGHT_PER_MINUTE: '100000000',
      PAPER_ORDERS_PER_10S: '1000000',
      LIVE_WEIGHT_PER_MINUTE: '1200',
      LIVE_ORDERS_PER_10S: '20',
      VENUE_READ_SHARE: '0.3',
      VENUE_ORDER_SHARE: '0.8',
    });
    expect(c).toMatchObject({
      userStreamUrls: {
        paper: 'ws://127.0.0.1:8090/ws-api/v3',
        live: 'wss://ws-api.binance.com:443/ws-api/v3',
      },
      natsUrl: 'nats://n:4222',
      databaseUrl: 'postgres://db/x',
      namespace: 'ns1',
      intentMaxAgeMs: 9000,
      intentFutureMarginMs: 500,
      intentDuplicateWindowMs: 60000,
      concurrency: 4,
      ackWaitMs: 3000,
      maxDeliver: 50,
      sendBudgetMs: 250,
      killPollMs: 100,
      clockMarginMs: 0,
      notPlacedConfirmMs: 4000,
      requireReconcile: false,
      crashAt: 'after-exchange-accept',
      freezeAt: 'after-fence-commit',
      startupRetry: { initialMs: 50, maxMs: 800, jitter: 0.2 },
      logLevel: 'debug',
      prettyLogs: true,
      venues: {
        paper: { weightPerMinute: 100_000_000, ordersPer10s: 1_000_000, streamSilenceMs: 250 },
        live: {
          recvWindowMs: 1000,
          timeoutMs: 500,
          marketPriceSource: 'tickerPrice',
          weightPerMinute: 1200,
          ordersPer10s: 20,
          readShare: 0.3,
          orderShare: 0.8,
          streamSilenceMs: 250,
        },
      },
    });
  });

  it('refuses budget settings that do not parse, and reads that would not yield to orders', () => {
    expect(() => loadExecutionConfig({ ...venues, LIVE_WEIGHT_PER_MINUTE: '0' })).toThrow(
      /LIVE_WEIGHT_PER_MINUTE: must be a whole number of at least 1/,
    );
    expect(() => loadExecutionConfig({ ...venues, VENUE_ORDER_SHARE: '2' })).toThrow(
      /VENUE_ORDER_SHARE: must be a share of the limit/,
    );
    expect(() =>
      loadExecutionConfig({ ...venues, VENUE_READ_SHARE: '0.9', VENUE_ORDER_SHARE: '0.5' }),
    ).toThrow(/VENUE_READ_SHARE: must be at most VENUE_ORDER_SHARE/);
  });

  it('refuses a user stream URL that is not a websocket', () => {
    expect(() =>
      loadExecutionConfig({ ...venues, LIVE_WS_API_URL: 'https://ws-api.binance.com' }),
    ).toThrow(/LIVE_WS_API_URL/);
  });

  it('refuses an ack wait over a third of the intent age: a crash would redeliver intents stale', () => {
    expect(() =>
      loadExecutionConfig({ ...venues, INTENT_MAX_AGE_S: '30', EXECUTION_ACK_WAIT_MS: '30000' }),
    ).toThrow(/EXECUTION_ACK_WAIT_MS: must be at most a third of INTENT_MAX_AGE_S/);
    expect(() =>
      loadExecutionConfig({ ...venues, INTENT_MAX_AGE_S: '30', EXECUTION_ACK_WAIT_MS: '10000' }),
    ).not.toThrow();
  });

  it('refuses paper and live on the same base URL with the same key', () => {
    expect(() => loadExecutionConfig({ ...venues, LIVE_API_KEY: 'paperkey' })).toThrow(
      /LIVE_API_KEY: the paper and live venues share the same base URL and API key/,
    );
    expect(() =>
      loadExecutionConfig({
        ...venues,
        LIVE_API_KEY: 'paperkey',
        LIVE_BASE_URL: 'http://127.0.0.1:8091',
      }),
    ).not.toThrow();
  });

  it('names every missing or bad variable in one error', () => {
    let error: unknown;
    try {
      loadExecutionConfig({
        PAPER_BASE_URL: 'ftp://x',
        EXECUTION_CONCURRENCY: '0',
        EXECUTION_CRASH_AT: 'never',
        EXECUTION_INSTANCE_ID: 'a b',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).issues.join('\n');
    expect(text).toContain('PAPER_API_KEY: required');
    expect(text).toContain('LIVE_BASE_URL: required');
    expect(text).toContain('PAPER_BASE_URL: must be an http(s) URL');
    for (const name of [
      'PAPER_BASE_URL',
      'PAPER_API_KEY',
      'LIVE_BASE_URL',
      'LIVE_API_SECRET',
      'EXECUTION_CONCURRENCY',
      'EXECUTION_CRASH_AT',
      'EXECUTION_INSTANCE_ID',
    ]) {
      expect(text).toContain(name);
    }
  });

  it('derives a token-safe instance id from the host name', () => {
    expect(defaultInstanceId('host.example.com')).toBe('exec-host-example-com');
    expect(defaultInstanceId('x'.repeat(100))).toHaveLength(48);
    expect(defaultInstanceId()).toMatch(/^exec-[A-Za-z0-9_-]+$/);
  });
});

describe('settingsFrom', () => {
  it('takes what the service decides with from the config', () => {
    const c = loadExecutionConfig({
      ...venues,
      EXECUTION_INSTANCE_ID: 'exec-b',
      VENUE_TIMEOUT_MS: '700',
      VENUE_RECV_WINDOW_MS: '900',
    });
    expect(settingsFrom(c)).toEqual({
      instanceId: 'exec-b',
      concurrency: 16,
      ackWaitMs: 5_000,
      maxDeliver: 200,
      intentMaxAgeMs: 30_000,
      intentFutureMarginMs: 2_000,
      clockMarginMs: 1000,
      notPlacedConfirmMs: 10_000,
      sendBudgetMs: 1_000,
      killPollMs: 500,
      requireReconcile: true,
      recvWindows: { paper: 900, live: 900 },
      venueTimeoutMs: 700,
    });
  });
});
