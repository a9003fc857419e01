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
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/livegate',
      namespace: '',
      sessionTtlS: 28_800,
      allowedOrigins: ['http://127.0.0.1:5173', 'http://localhost:5173'],
      cookieSecure: false,
      logLevel: 'info',
      armingTimeoutMs: 3_000,
      wsHeartbeatMs: 15_000,
      wsMaxBufferedBytes: 1_048_576,
    });
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.allowedOrigins)).toBe(true);
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
});
