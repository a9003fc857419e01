import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { venuesAreDistinct, venuesFromEnv, venueStreamEnv, venueTimingEnv } from './venue-env.js';

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
