import { ConfigError } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { loadReconcilerConfig } from './config.js';

const venues = {
  PAPER_BASE_URL: 'http://127.0.0.1:8090/',
  PAPER_API_KEY: 'pk',
  PAPER_API_SECRET: 'ps',
  LIVE_BASE_URL: 'https://api.binance.com',
  LIVE_API_KEY: 'lk',
  LIVE_API_SECRET: 'ls',
};

describe('config', () => {
  it('fills defaults and freezes the result', () => {
    const c = loadReconcilerConfig({ ...venues, LOG_FORMAT: '' });
    expect(c).toEqual({
      natsUrl: 'nats://127.0.0.1:4222',
      databaseUrl: 'postgres://livegate_reconciler@127.0.0.1:5432/livegate',
      namespace: '',
      venues: {
        paper: {
          name: 'paper',
          baseUrl: 'http://127.0.0.1:8090',
          apiKey: 'pk',
          apiSecret: 'ps',
          recvWindowMs: 2000,
          timeoutMs: 10000,
          weightPerMinute: 6000,
          ordersPer10s: 100,
          readShare: 0.5,
          orderShare: 0.9,
        },
        live: {
          name: 'live',
          baseUrl: 'https://api.binance.com',
          apiKey: 'lk',
          apiSecret: 'ls',
          recvWindowMs: 2000,
          timeoutMs: 10000,
          weightPerMinute: 6000,
          ordersPer10s: 100,
          readShare: 0.5,
          orderShare: 0.9,
        },
      },
      intervalMs: 10_000,
      rules: {
        clockMarginMs: 1000,
        notPlacedConfirmMs: 10_000,
        externalOrders: 'report',
        maxPauseMs: 30_000,
      },
      startupRetry: { initialMs: 500, maxMs: 15_000, jitter: 0.2 },
      logLevel: 'info',
      prettyLogs: false,
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.rules)).toBe(true);
    expect(Object.isFrozen(c.venues.live)).toBe(true);
  });

  it('reads every variable', () => {
    const c = loadReconcilerConfig({
      ...venues,
      NATS_URL: 'nats://n:4222',
      DATABASE_URL: 'postgres://db/x',
      LIVEGATE_NAMESPACE: 'ns1',
      RECONCILE_INTERVAL_S: '3',
      EXTERNAL_ORDERS: 'cancel',
      CLOCK_MARGIN_MS: '0',
      NOT_PLACED_CONFIRM_MS: '60000',
      RECONCILE_MAX_PAUSE_S: '5',
      VENUE_RECV_WINDOW_MS: '3000',
      VENUE_TIMEOUT_MS: '2000',
      PAPER_WEIGHT_PER_MINUTE: '100000000',
      PAPER_ORDERS_PER_10S: '1000000',
      LIVE_WEIGHT_PER_MINUTE: '1200',
      LIVE_ORDERS_PER_10S: '20',
      VENUE_READ_SHARE: '0.3',
      VENUE_ORDER_SHARE: '0.8',
      STARTUP_RETRY_DELAY_MS: '50',
      STARTUP_RETRY_MAX_DELAY_MS: '800',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
    });
    expect(c).toMatchObject({
      natsUrl: 'nats://n:4222',
      databaseUrl: 'postgres://db/x',
      namespace: 'ns1',
      intervalMs: 3000,
      rules: {
        clockMarginMs: 0,
        notPlacedConfirmMs: 60_000,
        externalOrders: 'cancel',
        maxPauseMs: 5000,
      },
      venues: {
        paper: {
          recvWindowMs: 3000,
          timeoutMs: 2000,
          weightPerMinute: 100_000_000,
          ordersPer10s: 1_000_000,
          readShare: 0.3,
          orderShare: 0.8,
        },
        live: { weightPerMinute: 1200, ordersPer10s: 20, readShare: 0.3, orderShare: 0.8 },
      },
      startupRetry: { initialMs: 50, maxMs: 800, jitter: 0.2 },
      logLevel: 'debug',
      prettyLogs: true,
    });
  });

  it('reports every bad variable at once, and refuses two venues that are one account', () => {
    const bad = () =>
      loadReconcilerConfig({
        ...venues,
        LIVE_BASE_URL: 'http://127.0.0.1:8090',
        LIVE_API_KEY: 'pk',
        EXTERNAL_ORDERS: 'delete',
        RECONCILE_INTERVAL_S: '0',
      });
    expect(bad).toThrow(ConfigError);
    const issues = (() => {
      try {
        bad();
      } catch (err) {
        return (err as ConfigError).issues;
      }
      return [];
    })();
    expect(issues.map((i) => i.split(':')[0])).toEqual(['RECONCILE_INTERVAL_S', 'EXTERNAL_ORDERS']);
    expect(() =>
      loadReconcilerConfig({
        ...venues,
        LIVE_BASE_URL: 'http://127.0.0.1:8090',
        LIVE_API_KEY: 'pk',
      }),
    ).toThrow(/LIVE_API_KEY: the paper and live venues share the same base URL and API key/);
    expect(() => loadReconcilerConfig({ ...venues, PAPER_ORDERS_PER_10S: 'many' })).toThrow(
      /PAPER_ORDERS_PER_10S: must be a whole number of at least 1/,
    );
    expect(() =>
      loadReconcilerConfig({ ...venues, VENUE_READ_SHARE: '1', VENUE_ORDER_SHARE: '0.9' }),
    ).toThrow(/VENUE_READ_SHARE: must be at most VENUE_ORDER_SHARE/);
    expect(() => loadReconcilerConfig({})).toThrow(/PAPER_BASE_URL/);
  });
});
