import { ConfigError } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { loadArmingConfig } from './config.js';

describe('loadArmingConfig', () => {
  it('has defaults for everything: 60 s tokens, 4 h sessions, no four-eyes, 5 failures in 5 min', () => {
    expect(loadArmingConfig({ ARM_TOKEN_TTL_S: '' })).toEqual({
      databaseUrl: 'postgres://livegate_arming@127.0.0.1:5432/livegate',
      natsUrl: 'nats://127.0.0.1:4222',
      namespace: '',
      tokenTtlMs: 60_000,
      sessionMaxMs: 4 * 3_600_000,
      requireSecondOperator: false,
      failureLimit: 5,
      failureWindowMs: 300_000,
      anchorIntervalMs: 60_000,
      startupRetry: { initialMs: 500, maxMs: 15_000, jitter: 0.2 },
      logLevel: 'info',
      prettyLogs: false,
    });
  });

  it('reads every variable and freezes the result', () => {
    const cfg = loadArmingConfig({
      DATABASE_URL: 'postgres://app@db/x',
      NATS_URL: 'nats://bus:4222',
      LIVEGATE_NAMESPACE: 'dev',
      ARM_TOKEN_TTL_S: '30',
      LIVE_SESSION_MAX_S: '600',
      ARM_REQUIRE_SECOND_OPERATOR: 'true',
      ARM_FAILURE_LIMIT: '3',
      ARM_FAILURE_WINDOW_S: '60',
      AUDIT_ANCHOR_INTERVAL_S: '5',
      STARTUP_RETRY_DELAY_MS: '50',
      STARTUP_RETRY_MAX_DELAY_MS: '800',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
    });
    expect(cfg).toMatchObject({
      databaseUrl: 'postgres://app@db/x',
      natsUrl: 'nats://bus:4222',
      namespace: 'dev',
      tokenTtlMs: 30_000,
      sessionMaxMs: 600_000,
      anchorIntervalMs: 5_000,
      requireSecondOperator: true,
      failureLimit: 3,
      failureWindowMs: 60_000,
      startupRetry: { initialMs: 50, maxMs: 800, jitter: 0.2 },
      logLevel: 'debug',
      prettyLogs: true,
    });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('names every bad variable', () => {
    let caught: unknown;
    try {
      loadArmingConfig({
        ARM_TOKEN_TTL_S: '0',
        LIVE_SESSION_MAX_S: 'x',
        ARM_REQUIRE_SECOND_OPERATOR: 'yes',
        LIVEGATE_NAMESPACE: 'a.b',
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).issues.map((i) => i.split(':')[0])).toEqual([
      'LIVEGATE_NAMESPACE',
      'ARM_TOKEN_TTL_S',
      'LIVE_SESSION_MAX_S',
      'ARM_REQUIRE_SECOND_OPERATOR',
    ]);
  });
});
