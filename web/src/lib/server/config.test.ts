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
    expect(Object.keys(config)).toEqual(['gatewayUrl']);
  });

  it('names a bad variable', () => {
    expect(() => loadWebConfig({ GATEWAY_URL: 'ftp://x' })).toThrow(
      /^web: invalid environment: GATEWAY_URL: must be an http\(s\) URL/,
    );
  });
});
