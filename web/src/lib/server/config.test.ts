import { describe, expect, it } from 'vitest';
import { loadWebConfig } from './config.js';

describe('loadWebConfig', () => {
  it('defaults: local gateway, generic venue, unknown session length', () => {
    const config = loadWebConfig({ GATEWAY_URL: '' });
    expect(config.gatewayUrl.href).toBe('http://127.0.0.1:8080/');
    expect(config.live).toEqual({
      venue: 'the live venue configured for execution',
      account: undefined,
      sessionMaxMs: undefined,
    });
  });

  it('reads every variable', () => {
    const config = loadWebConfig({
      GATEWAY_URL: 'http://gw.internal:9000',
      LIVE_VENUE_LABEL: 'Binance spot',
      LIVE_ACCOUNT_LABEL: 'desk-1',
      LIVE_SESSION_MAX_S: '7200',
    });
    expect(config.gatewayUrl.host).toBe('gw.internal:9000');
    expect(config.live).toEqual({
      venue: 'Binance spot',
      account: 'desk-1',
      sessionMaxMs: 7_200_000,
    });
  });

  it('names every bad variable at once', () => {
    expect(() => loadWebConfig({ GATEWAY_URL: 'ftp://x', LIVE_SESSION_MAX_S: '-1' })).toThrow(
      /GATEWAY_URL: must be an http\(s\) URL.*; LIVE_SESSION_MAX_S:/,
    );
  });
});
