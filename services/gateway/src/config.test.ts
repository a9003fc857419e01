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
      startupRetry: { initialMs: 500, maxMs: 15_000, jitter: 0.2 },
      logLevel: 'info',
      prettyLogs: false,
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
      loginSlowdown: { stepMs: 100, maxMs: 2_000 },
      proxySecret: null,
      refusalAudit: { windowS: 60, maxKeys: 100 },
      riskFourEyes: false,
    });
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.allowedOrigins)).toBe(true);
    expect(Object.isFrozen(cfg.live)).toBe(true);
    expect(Object.isFrozen(cfg.loginSlowdown)).toBe(true);
    expect(Object.isFrozen(cfg.refusalAudit)).toBe(true);
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
      STARTUP_RETRY_DELAY_MS: '50',
      STARTUP_RETRY_MAX_DELAY_MS: '800',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
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
      LOGIN_SLOWDOWN_MAX_MS: '500',
      GATEWAY_PROXY_SECRET: 's'.repeat(32),
      REFUSAL_AUDIT_WINDOW_S: '30',
      REFUSAL_AUDIT_MAX_KEYS: '7',
      ARM_REQUIRE_SECOND_OPERATOR: 'true',
    });
    expect(cfg).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      namespace: 'ns1',
      sessionTtlS: 3600,
      allowedOrigins: ['https://ops.example.com', 'http://localhost:3000'],
      cookieSecure: true,
      startupRetry: { initialMs: 50, maxMs: 800, jitter: 0.2 },
      logLevel: 'debug',
      prettyLogs: true,
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
      loginSlowdown: { stepMs: 100, maxMs: 500 },
      proxySecret: 's'.repeat(32),
      refusalAudit: { windowS: 30, maxKeys: 7 },
      riskFourEyes: true,
    });
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

  it('refuses a short proxy secret, an unbounded slow-down and empty throttles', () => {
    expect(() => loadGatewayConfig({ GATEWAY_PROXY_SECRET: 'short' })).toThrow(
      /GATEWAY_PROXY_SECRET: must be at least 32 characters/,
    );
    expect(() => loadGatewayConfig({ GATEWAY_PROXY_SECRET: 'x'.repeat(513) })).toThrow(
      /GATEWAY_PROXY_SECRET: must be at most 512 characters/,
    );
    expect(() => loadGatewayConfig({ LOGIN_SLOWDOWN_MAX_MS: '30001' })).toThrow(
      /LOGIN_SLOWDOWN_MAX_MS/,
    );
    expect(() => loadGatewayConfig({ LOGIN_FAILURE_LIMIT: '0' })).toThrow(/LOGIN_FAILURE_LIMIT/);
    expect(() => loadGatewayConfig({ LIVE_VENUE_LABEL: 'x'.repeat(201) })).toThrow(
      /LIVE_VENUE_LABEL/,
    );
  });
});
