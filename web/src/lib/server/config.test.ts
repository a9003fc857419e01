import { describe, expect, it } from 'vitest';
import { loadWebConfig } from './config.js';

describe('loadWebConfig', () => {
  it('defaults to the local gateway', () => {
    expect(loadWebConfig({ GATEWAY_URL: '' }).gatewayUrl.href).toBe('http://127.0.0.1:8080/');
  });

  it('reads GATEWAY_URL, and ignores the live labels (the gateway owns them: GET /api/live/info)', () => {
    const config = loadWebConfig({
      GATEWAY_URL: 'http://gw.internal:9000',
      LIVE_VENUE_LABEL: 'Binance spot',
    });
    expect(config.gatewayUrl.host).toBe('gw.internal:9000');
    expect(Object.keys(config)).toEqual(['gatewayUrl', 'proxySecret']);
    expect(config.proxySecret).toBeNull();
  });

  it('reads the proxy secret it shares with the gateway (at least 32 characters)', () => {
    const secret = 'p'.repeat(32);
    expect(loadWebConfig({ GATEWAY_PROXY_SECRET: secret }).proxySecret).toBe(secret);
    expect(() => loadWebConfig({ GATEWAY_PROXY_SECRET: 'short' })).toThrow(
      /GATEWAY_PROXY_SECRET: must be at least 32 characters/,
    );
  });

  it('names a bad variable', () => {
    expect(() => loadWebConfig({ GATEWAY_URL: 'ftp://x' })).toThrow(
      /^web: invalid environment: GATEWAY_URL: must be an http\(s\) URL/,
    );
  });
});
