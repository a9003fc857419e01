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
          recvWindowMs: 5000,
          timeoutMs: 10000,
          marketPriceSource: 'avgPrice',
        },
        live: {
          name: 'live',
          baseUrl: 'http://127.0.0.1:8090',
          apiKey: 'livekey',
          apiSecret: 'livesecret',
          recvWindowMs: 5000,
          timeoutMs: 10000,
          marketPriceSource: 'avgPrice',
        },
      },
      intentMaxAgeMs: 30_000,
      intentDuplicateWindowMs: undefined,
      instanceId: 'exec-a',
      concurrency: 16,
      ackWaitMs: 30_000,
      clockMarginMs: 1000,
      requireReconcile: true,
      crashAt: undefined,
      logLevel: 'info',
      prettyLogs: false,
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
      INTENT_MAX_AGE_S: '5',
      INTENT_DUPLICATE_WINDOW_MS: '60000',
      EXECUTION_CONCURRENCY: '4',
      EXECUTION_ACK_WAIT_MS: '3000',
      CLOCK_MARGIN_MS: '0',
      EXECUTION_REQUIRE_RECONCILE: 'false',
      VENUE_RECV_WINDOW_MS: '1000',
      VENUE_TIMEOUT_MS: '500',
      VENUE_MARKET_PRICE_SOURCE: 'tickerPrice',
      EXECUTION_CRASH_AT: 'after-exchange-accept',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
    });
    expect(c).toMatchObject({
      natsUrl: 'nats://n:4222',
      databaseUrl: 'postgres://db/x',
      namespace: 'ns1',
      intentMaxAgeMs: 5000,
      intentDuplicateWindowMs: 60000,
      concurrency: 4,
      ackWaitMs: 3000,
      clockMarginMs: 0,
      requireReconcile: false,
      crashAt: 'after-exchange-accept',
      logLevel: 'debug',
      prettyLogs: true,
      venues: { live: { recvWindowMs: 1000, timeoutMs: 500, marketPriceSource: 'tickerPrice' } },
    });
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
      ackWaitMs: 30_000,
      intentMaxAgeMs: 30_000,
      clockMarginMs: 1000,
      requireReconcile: true,
      recvWindows: { paper: 900, live: 900 },
      venueTimeoutMs: 700,
    });
  });
});
