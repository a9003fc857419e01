import { busAuthEnv, busAuthFromEnv, busEnv, type BusAuth } from '@livegate/bus';
import { serviceDatabaseEnv } from '@livegate/db';
import {
  envBoolean,
  logEnv,
  parseEnv,
  startupRetryEnv,
  startupRetryPolicy,
  type BackoffPolicy,
} from '@livegate/runtime';
import { z } from 'zod';

const seconds = z.coerce.number().int().positive();

const armingEnvSchema = z.object({
  DATABASE_URL: serviceDatabaseEnv('arming').DATABASE_URL,
  NATS_URL: busEnv.NATS_URL,
  ...busAuthEnv,
  LIVEGATE_NAMESPACE: busEnv.LIVEGATE_NAMESPACE,
  /** How long an arm token from `request` can be confirmed. */
  ARM_TOKEN_TTL_S: seconds.default(60),
  /** How long a live session lasts before it disarms by itself (4 h). */
  LIVE_SESSION_MAX_S: seconds.default(4 * 3600),
  /** Four-eyes: the confirming operator must differ from the requesting one. */
  ARM_REQUIRE_SECOND_OPERATOR: envBoolean.default(false),
  /** Refused `request`/`confirm` calls an operator may make inside the window before RATE_LIMITED. */
  ARM_FAILURE_LIMIT: seconds.default(5),
  ARM_FAILURE_WINDOW_S: seconds.default(300),
  /** How often the audit chain's head is anchored on the AUDIT stream (when it moved). */
  AUDIT_ANCHOR_INTERVAL_S: seconds.default(60),
  ...startupRetryEnv,
  LOG_LEVEL: logEnv.LOG_LEVEL,
  LOG_FORMAT: logEnv.LOG_FORMAT,
});

/** What the arming service itself decides with (times in ms). */
export interface ArmingRules {
  readonly tokenTtlMs: number;
  readonly sessionMaxMs: number;
  readonly requireSecondOperator: boolean;
  readonly failureLimit: number;
  readonly failureWindowMs: number;
}

export interface ArmingConfig extends ArmingRules {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  /** Its NATS credentials (NATS_NKEY_SEED, ...); undefined connects anonymously. */
  readonly natsAuth: BusAuth | undefined;
  readonly namespace: string;
  readonly anchorIntervalMs: number;
  /** How PostgreSQL and NATS are retried at start-up (STARTUP_RETRY_*). */
  readonly startupRetry: BackoffPolicy;
  readonly logLevel: string;
  readonly prettyLogs: boolean;
}

/** Parses the arming env once (empty counts as unset, every bad variable reported) and freezes it. */
export function loadArmingConfig(env: Record<string, string | undefined>): ArmingConfig {
  const e = parseEnv(armingEnvSchema, env);
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    natsUrl: e.NATS_URL,
    natsAuth: busAuthFromEnv(e),
    namespace: e.LIVEGATE_NAMESPACE,
    tokenTtlMs: e.ARM_TOKEN_TTL_S * 1000,
    sessionMaxMs: e.LIVE_SESSION_MAX_S * 1000,
    requireSecondOperator: e.ARM_REQUIRE_SECOND_OPERATOR,
    failureLimit: e.ARM_FAILURE_LIMIT,
    failureWindowMs: e.ARM_FAILURE_WINDOW_S * 1000,
    anchorIntervalMs: e.AUDIT_ANCHOR_INTERVAL_S * 1000,
    startupRetry: startupRetryPolicy(e),
    logLevel: e.LOG_LEVEL,
    prettyLogs: e.LOG_FORMAT === 'pretty',
  });
}
