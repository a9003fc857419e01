import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  readsYieldToOrders,
  venueBudgetEnv,
  venuesAreDistinct,
  venuesFromEnv,
  venueStreamEnv,
  venueTimingEnv,
} from './venue-env.js';

const env = {
  PAPER_BASE_URL: 'http://127.0.0.1:8090',
  PAPER_API_KEY: 'paperkey',
  PAPER_API_SECRET: 'papersecret',
  LIVE_BASE_URL: 'https://api.binance.com',
  LIVE_API_KEY: 'livekey',
  LIVE_API_SECRET: 'livesecret',
  VENUE_RECV_WINDOW_MS: 900,
  VENUE_TIMEOUT_MS: 700,
};

describe('venuesFromEnv', () => {
  it("adds each venue's stream URLs when set", () => {
    const schema = z.object(venueStreamEnv);
    const streams = schema.parse({
      PAPER_WS_API_URL: 'ws://127.0.0.1:8090/ws-api/v3/',
      PAPER_STREAM_URL: 'ws://127.0.0.1:8090',
    });
    const venues = venuesFromEnv({ ...env, ...streams });
    expect(venues.paper).toMatchObject({
      wsApiUrl: 'ws://127.0.0.1:8090/ws-api/v3',
      streamUrl: 'ws://127.0.0.1:8090',
    });
    expect(venues.live).not.toHaveProperty('wsApiUrl');
    expect(venues.live).not.toHaveProperty('streamUrl');
    expect(schema.safeParse({ LIVE_STREAM_URL: 'https://x' }).success).toBe(false);
  });

  it('gives each venue its own PAPER_* or LIVE_* settings and the shared timing, frozen', () => {
    const venues = venuesFromEnv(env);
    expect(venues).toEqual({
      paper: {
        name: 'paper',
        baseUrl: 'http://127.0.0.1:8090',
        apiKey: 'paperkey',
        apiSecret: 'papersecret',
        recvWindowMs: 900,
        timeoutMs: 700,
      },
      live: {
        name: 'live',
        baseUrl: 'https://api.binance.com',
        apiKey: 'livekey',
        apiSecret: 'livesecret',
        recvWindowMs: 900,
        timeoutMs: 700,
      },
    });
    expect(Object.isFrozen(venues)).toBe(true);
    expect(Object.isFrozen(venues.paper)).toBe(true);
    expect(Object.isFrozen(venues.live)).toBe(true);
  });

  it("adds each venue's budget limits, the shared shares and the stream silence bound when parsed", () => {
    const budget = z.object(venueBudgetEnv).parse({
      PAPER_WEIGHT_PER_MINUTE: '1000000',
      PAPER_ORDERS_PER_10S: '5000',
      VENUE_READ_SHARE: '0.25',
    });
    const streams = z.object(venueStreamEnv).parse({ VENUE_STREAM_SILENCE_MS: '500' });
    const venues = venuesFromEnv({ ...env, ...budget, ...streams });
    expect(venues.paper).toMatchObject({
      weightPerMinute: 1_000_000,
      ordersPer10s: 5_000,
      readShare: 0.25,
      orderShare: 0.9,
      streamSilenceMs: 500,
    });
    expect(venues.live).toMatchObject({
      weightPerMinute: 6_000,
      ordersPer10s: 100,
      readShare: 0.25,
      orderShare: 0.9,
      streamSilenceMs: 500,
    });
  });

  it('adds the extra fields to both venues', () => {
    const venues = venuesFromEnv(env, { marketPriceSource: 'tickerPrice' as const });
    expect(venues.paper).toMatchObject({ name: 'paper', marketPriceSource: 'tickerPrice' });
    expect(venues.live).toMatchObject({ name: 'live', marketPriceSource: 'tickerPrice' });
  });
});

describe('venuesAreDistinct', () => {
  it('refuses paper and live on the same base URL with the same key, and only that', () => {
    const same = { ...env, LIVE_BASE_URL: env.PAPER_BASE_URL, LIVE_API_KEY: env.PAPER_API_KEY };
    expect(venuesAreDistinct(same)).toBe(false);
    expect(venuesAreDistinct({ ...same, LIVE_API_KEY: 'other' })).toBe(true);
    expect(venuesAreDistinct({ ...same, LIVE_BASE_URL: 'http://127.0.0.1:8091' })).toBe(true);
  });
});

describe('venueTimingEnv', () => {
  const schema = z.object(venueTimingEnv);

  it('defaults to a short recvWindow (2000 ms), a 10 s deadline and 10 s of NOT_PLACED confirmation', () => {
    expect(schema.parse({})).toEqual({
      VENUE_RECV_WINDOW_MS: 2_000,
      VENUE_TIMEOUT_MS: 10_000,
      NOT_PLACED_CONFIRM_MS: 10_000,
    });
    expect(
      schema.parse({
        VENUE_RECV_WINDOW_MS: '60000',
        VENUE_TIMEOUT_MS: '1',
        NOT_PLACED_CONFIRM_MS: '0',
      }),
    ).toEqual({ VENUE_RECV_WINDOW_MS: 60_000, VENUE_TIMEOUT_MS: 1, NOT_PLACED_CONFIRM_MS: 0 });
    expect(schema.safeParse({ NOT_PLACED_CONFIRM_MS: '300001' }).success).toBe(false);
  });

  it('refuses a recvWindow over Binance maximum and non-positive values', () => {
    for (const bad of [
      { VENUE_RECV_WINDOW_MS: '60001' },
      { VENUE_RECV_WINDOW_MS: '0' },
      { VENUE_TIMEOUT_MS: '0' },
      { VENUE_TIMEOUT_MS: '1.5' },
    ]) {
      expect(schema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('venueBudgetEnv', () => {
  const schema = z.object(venueBudgetEnv);
  const issues = (input: Record<string, string>) => {
    const result = schema.safeParse(input);
    return result.success
      ? []
      : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it("defaults to Binance spot's limits (6,000 weight/min, 100 orders/10 s) and shares 0.5 / 0.9", () => {
    expect(schema.parse({})).toEqual({
      PAPER_WEIGHT_PER_MINUTE: 6_000,
      PAPER_ORDERS_PER_10S: 100,
      LIVE_WEIGHT_PER_MINUTE: 6_000,
      LIVE_ORDERS_PER_10S: 100,
      VENUE_READ_SHARE: 0.5,
      VENUE_ORDER_SHARE: 0.9,
    });
    expect(
      schema.parse({
        PAPER_WEIGHT_PER_MINUTE: '100000000',
        PAPER_ORDERS_PER_10S: '1000000',
        LIVE_WEIGHT_PER_MINUTE: '1200',
        LIVE_ORDERS_PER_10S: '50',
        VENUE_READ_SHARE: '1',
        VENUE_ORDER_SHARE: '1',
      }),
    ).toEqual({
      PAPER_WEIGHT_PER_MINUTE: 100_000_000,
      PAPER_ORDERS_PER_10S: 1_000_000,
      LIVE_WEIGHT_PER_MINUTE: 1_200,
      LIVE_ORDERS_PER_10S: 50,
      VENUE_READ_SHARE: 1,
      VENUE_ORDER_SHARE: 1,
    });
  });

  it('refuses limits that are not whole positive numbers, with a sentence naming the variable', () => {
    expect(issues({ PAPER_WEIGHT_PER_MINUTE: '0', LIVE_ORDERS_PER_10S: '1.5' })).toEqual([
      'PAPER_WEIGHT_PER_MINUTE: must be a whole number of at least 1 (request weight per minute; Binance spot: 6000)',
      'LIVE_ORDERS_PER_10S: must be a whole number of at least 1 (orders per 10 s; Binance spot: 100)',
    ]);
    expect(issues({ LIVE_WEIGHT_PER_MINUTE: 'lots' })).toEqual([
      'LIVE_WEIGHT_PER_MINUTE: must be a whole number of at least 1 (request weight per minute; Binance spot: 6000)',
    ]);
  });

  it('refuses shares outside (0, 1]', () => {
    for (const bad of ['0', '-0.1', '1.01', 'half']) {
      expect(issues({ VENUE_READ_SHARE: bad })).toEqual([
        'VENUE_READ_SHARE: must be a share of the limit, more than 0 and at most 1 (e.g. 0.5)',
      ]);
      expect(issues({ VENUE_ORDER_SHARE: bad })).toEqual([
        'VENUE_ORDER_SHARE: must be a share of the limit, more than 0 and at most 1 (e.g. 0.9)',
      ]);
    }
  });
});

describe('readsYieldToOrders', () => {
  it('holds when the reads share is at most the orders share, and only then', () => {
    expect(readsYieldToOrders({ VENUE_READ_SHARE: 0.5, VENUE_ORDER_SHARE: 0.9 })).toBe(true);
    expect(readsYieldToOrders({ VENUE_READ_SHARE: 0.9, VENUE_ORDER_SHARE: 0.9 })).toBe(true);
    expect(readsYieldToOrders({ VENUE_READ_SHARE: 0.95, VENUE_ORDER_SHARE: 0.9 })).toBe(false);
  });
});

describe('venueStreamEnv', () => {
  const schema = z.object(venueStreamEnv);

  it('bounds the silence of a venue websocket: 30 s by default, at least 100 ms', () => {
    expect(schema.parse({})).toEqual({ VENUE_STREAM_SILENCE_MS: 30_000 });
    expect(schema.parse({ VENUE_STREAM_SILENCE_MS: '100' })).toMatchObject({
      VENUE_STREAM_SILENCE_MS: 100,
    });
    const bad = schema.safeParse({ VENUE_STREAM_SILENCE_MS: '99' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(
      'must be a whole number of milliseconds, at least 100 (default 30000)',
    );
  });
});
