import { describe, expect, it } from 'vitest';
import { venueConfigSchema } from './venue-config.js';

const minimal = { name: 'sim', baseUrl: 'http://127.0.0.1:8080/', apiKey: 'k', apiSecret: 's' };

describe('venueConfigSchema', () => {
  it('fills the defaults and trims a trailing slash', () => {
    expect(venueConfigSchema.parse(minimal)).toEqual({
      ...minimal,
      baseUrl: 'http://127.0.0.1:8080',
      recvWindowMs: 5_000,
      timeoutMs: 10_000,
      exchangeInfoTtlMs: 300_000,
      rateLimitBackoffMs: 10_000,
      balanceTtlMs: 1_000,
      timeSyncTtlMs: 300_000,
      marketPriceSource: 'avgPrice',
      streamPriceMaxAgeMs: 10_000,
      streamSilenceMs: 30_000,
      weightPerMinute: 6_000,
      ordersPer10s: 100,
      budgetClass: 'orders',
      readShare: 0.5,
      orderShare: 0.9,
    });
  });

  it('takes the stream URLs without a trailing slash', () => {
    const streams = {
      wsApiUrl: 'wss://ws-api.binance.com/ws-api/v3/',
      streamUrl: 'ws://127.0.0.1:1/',
    };
    expect(venueConfigSchema.parse({ ...minimal, ...streams })).toMatchObject({
      wsApiUrl: 'wss://ws-api.binance.com/ws-api/v3',
      streamUrl: 'ws://127.0.0.1:1',
    });
  });

  it.each([
    [
      { baseUrl: 'https://api.binance.com/api' },
      'baseUrl: must be the host root without "/api" (binance-api-node adds /api/v3/...)',
    ],
    [{ baseUrl: 'ftp://x' }, 'baseUrl: must be an http(s) URL such as "https://api.binance.com"'],
    [{ recvWindowMs: 60_001 }, 'recvWindowMs: Too big: expected number to be <=60000'],
    [{ apiSecret: '' }, 'apiSecret: required'],
    [
      { streamUrl: 'http://x' },
      'streamUrl: must be a ws(s) URL such as "wss://stream.binance.com:9443"',
    ],
    [{ name: 'has space' }, 'name: must be 1 to 32 characters of [A-Za-z0-9_-]'],
  ])('refuses %j', (patch, issue) => {
    const result = venueConfigSchema.safeParse({ ...minimal, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([issue]);
  });
});
