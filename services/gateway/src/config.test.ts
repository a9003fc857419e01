import { ConfigError } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';

describe('loadGatewayConfig', () => {
  it('has safe local defaults (loopback, 8 h sessions, non-secure cookie, dashboard origins)', () => {
    const cfg = loadGatewayConfig({});
    expect(cfg).toEqual({
      port: 8080,
      host: '127.0.0.1',
      natsUrl: 'nats://127.0.0.1:4222',
      databaseUrl: 'postgres://livegate_gateway@127.0.0.1:5432/livegate',
      namespace: '',
      sessionTtlS: 28_800,
      allowedOrigins: ['http://127.0.0.1:5173', 'http://localhost:5173'],
      cookieSecure: false,
      logLevel: 'info',
      armingTimeoutMs: 3_000,
      wsHeartbeatMs: 15_000,
      wsMaxBufferedBytes: 1_048_576,
      live: {
        venueLabel: 'the live venue configured for execution',
        accountLabel: null,
        sessionMaxS: 14_400,
        tokenTtlS: 60,
      },
      loginThrottle: { limit: 5, addressLimit: 20, windowS: 300 },
      trustedProxies: ['127.0.0.1', '::1'],
    });
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.allowedOrigins)).toBe(true);
    expect(Object.isFrozen(cfg.live)).toBe(true);
    expect(Object.isFrozen(cfg.trustedProxies)).toBe(true);
  });

  it('reads every variable; PORT wins over the dev runner GATEWAY_PORT', () => {
    const cfg = loadGatewayConfig({
      PORT: '9000',
      GATEWAY_PORT: '9001',
      HOST: '0.0.0.0',
      NATS_URL: 'nats://nats:4222',
      DATABASE_URL: 'postgres://app@db/livegate',
      LIVEGATE_NAMESPACE: 'ns1',
      SESSION_TTL_S: '3600',
      GATEWAY_ALLOWED_ORIGINS: 'https://ops.example.com, http://localhost:3000 ,',
      COOKIE_SECURE: 'true',
      LOG_LEVEL: 'debug',
      ARMING_TIMEOUT_MS: '500',
      WS_HEARTBEAT_S: '5',
      WS_MAX_BUFFERED_BYTES: '4096',
      LIVE_VENUE_LABEL: 'Binance spot (api.binance.com)',
      LIVE_ACCOUNT_LABEL: 'main trading account',
      LIVE_SESSION_MAX_S: '7200',
      ARM_TOKEN_TTL_S: '30',
      LOGIN_FAILURE_LIMIT: '3',
      LOGIN_ADDRESS_FAILURE_LIMIT: '10',
      LOGIN_FAILURE_WINDOW_S: '60',
      GATEWAY_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7,fd00::/8',
    });
    expect(cfg).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      namespace: 'ns1',
      sessionTtlS: 3600,
      allowedOrigins: ['https://ops.example.com', 'http://localhost:3000'],
      cookieSecure: true,
      logLevel: 'debug',
      armingTimeoutMs: 500,
      wsHeartbeatMs: 5_000,
      wsMaxBufferedBytes: 4096,
      live: {
        venueLabel: 'Binance spot (api.binance.com)',
        accountLabel: 'main trading account',
        sessionMaxS: 7200,
        tokenTtlS: 30,
      },
      loginThrottle: { limit: 3, addressLimit: 10, windowS: 60 },
      trustedProxies: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
    });
    expect(loadGatewayConfig({ GATEWAY_TRUSTED_PROXIES: ' , ' }).trustedProxies).toEqual([]);
    expect(loadGatewayConfig({ GATEWAY_PORT: '9001' }).port).toBe(9001);
  });

  it('refuses origins with a path or another scheme, and a too short session, in one error', () => {
    let caught: unknown;
    try {
      loadGatewayConfig({
        GATEWAY_ALLOWED_ORIGINS: 'https://ops.example.com/app,ftp://x',
        SESSION_TTL_S: '10',
        PORT: '0',
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).issues.map((i) => i.split(':')[0])).toEqual([
      'PORT',
      'SESSION_TTL_S',
      'GATEWAY_ALLOWED_ORIGINS',
    ]);
    expect(() => loadGatewayConfig({ GATEWAY_ALLOWED_ORIGINS: 'not a url' })).toThrow(
      /GATEWAY_ALLOWED_ORIGINS: a comma-separated list of origins/,
    );
  });

  it('refuses trusted proxies that are not addresses or CIDR ranges, and empty throttles', () => {
    for (const bad of ['gateway', '10.0.0.0/33', '::1/129', '10.0.0.1/', '1.2.3.4/x']) {
      expect(() => loadGatewayConfig({ GATEWAY_TRUSTED_PROXIES: bad }), bad).toThrow(
        /GATEWAY_TRUSTED_PROXIES: a comma-separated list of IP addresses or CIDR ranges/,
      );
    }
    expect(() => loadGatewayConfig({ LOGIN_FAILURE_LIMIT: '0' })).toThrow(/LOGIN_FAILURE_LIMIT/);
    expect(() => loadGatewayConfig({ LIVE_VENUE_LABEL: 'x'.repeat(201) })).toThrow(
      /LIVE_VENUE_LABEL/,
    );
  });
});
