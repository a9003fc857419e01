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

const port = z.coerce.number().int().min(1).max(65_535);
const positiveInt = z.coerce.number().int().positive();

function isOrigin(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === raw;
  } catch {
    return false;
  }
}

const origins = z
  .string()
  .transform((raw) => commaList(raw))
  .refine((list) => list.every(isOrigin), {
    message:
      'a comma-separated list of origins like "https://ops.example.com" (scheme, host, port; no path)',
  });

const commaList = (raw: string) =>
  raw
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');

const label = z.string().max(200, 'must be at most 200 characters');

const gatewayEnvSchema = z.object({
  PORT: port.optional(),
  /** The dev runner's name for the port; PORT wins when both are set. */
  GATEWAY_PORT: port.optional(),
  HOST: z.string().default('127.0.0.1'),
  NATS_URL: busEnv.NATS_URL,
  ...busAuthEnv,
  DATABASE_URL: serviceDatabaseEnv('gateway').DATABASE_URL,
  LIVEGATE_NAMESPACE: busEnv.LIVEGATE_NAMESPACE,
  SESSION_TTL_S: positiveInt
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  GATEWAY_ALLOWED_ORIGINS: origins.default(['http://127.0.0.1:5173', 'http://localhost:5173']),
  COOKIE_SECURE: envBoolean.default(false),
  ...startupRetryEnv,
  LOG_LEVEL: logEnv.LOG_LEVEL,
  LOG_FORMAT: logEnv.LOG_FORMAT,
  ARMING_TIMEOUT_MS: positiveInt.default(3_000),
  WS_HEARTBEAT_S: positiveInt.default(15),
  WS_MAX_BUFFERED_BYTES: positiveInt.default(1024 * 1024),
  LIVE_VENUE_LABEL: label.default('the live venue configured for execution'),
  LIVE_ACCOUNT_LABEL: label.optional(),
  /** The arming service reads the same two; set them once for both (`.env`). */
  LIVE_SESSION_MAX_S: positiveInt.default(4 * 3600),
  ARM_TOKEN_TTL_S: positiveInt.default(60),
  ARM_REQUIRE_SECOND_OPERATOR: envBoolean.default(false),
  LOGIN_FAILURE_LIMIT: positiveInt.default(5),
  LOGIN_ADDRESS_FAILURE_LIMIT: positiveInt.default(20),
  LOGIN_FAILURE_WINDOW_S: positiveInt.default(300),
  REFUSAL_AUDIT_WINDOW_S: positiveInt.max(3600).default(60),
  REFUSAL_AUDIT_MAX_KEYS: positiveInt.max(100_000).default(100),
  LOGIN_SLOWDOWN_MAX_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
  /** Shared with the dashboard server, which proves itself with it (`X-Livegate-Proxy`). */
  GATEWAY_PROXY_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .max(512, 'must be at most 512 characters')
    .optional(),
});

export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly natsUrl: string;
  /** Its NATS credentials (NATS_NKEY_SEED, ...); undefined connects anonymously. */
  readonly natsAuth: BusAuth | undefined;
  readonly databaseUrl: string;
  readonly namespace: string;
  /** Lifetime of a login session, seconds (SESSION_TTL_S, default 8 h). */
  readonly sessionTtlS: number;
  /** Origins a browser may send state-changing requests and websocket upgrades from. */
  readonly allowedOrigins: readonly string[];
  /** Mark the session cookie `Secure` (behind HTTPS). */
  readonly cookieSecure: boolean;
  /** How PostgreSQL and NATS are retried at start-up (STARTUP_RETRY_*). */
  readonly startupRetry: BackoffPolicy;
  readonly logLevel: string;
  readonly prettyLogs: boolean;
  /** How long to wait for the arming service to answer. */
  readonly armingTimeoutMs: number;
  readonly wsHeartbeatMs: number;
  /** A websocket client with more than this many bytes queued is dropped. */
  readonly wsMaxBufferedBytes: number;
  /** What `GET /api/live/info` tells an operator before arming (labels, the arming service's limits). */
  readonly live: {
    readonly venueLabel: string;
    readonly accountLabel: string | null;
    readonly sessionMaxS: number;
    readonly tokenTtlS: number;
  };
  /**
   * Failed sign-ins allowed inside the sliding window (seconds): `limit` per name tried, `addressLimit`
   * per client address (higher: several operators may share one address).
   */
  readonly loginThrottle: {
    readonly limit: number;
    readonly addressLimit: number;
    readonly windowS: number;
  };
  /**
   * How a name failing from many addresses is slowed instead of refused: each check waits `stepMs`,
   * doubling per failure beyond `loginThrottle.limit`, never more than `maxMs`.
   */
  readonly loginSlowdown: { readonly stepMs: number; readonly maxMs: number };
  /**
   * The secret the dashboard server sends in `X-Livegate-Proxy`; only a request carrying it may name
   * the client with `X-Forwarded-For`. `null`: every request's address is its socket peer.
   */
  readonly proxySecret: string | null;
  /**
   * Refusals on control routes are audited once per key (code, actor, address, route) and window of
   * `windowS`, then counted; at most `maxKeys` keys per window, the rest folded into one per code.
   */
  readonly refusalAudit: { readonly windowS: number; readonly maxKeys: number };
  /**
   * Four-eyes for risk limit changes (`ARM_REQUIRE_SECOND_OPERATOR`, the same option arming reads): a
   * change is proposed by one operator and applied when another approves it.
   */
  readonly riskFourEyes: boolean;
}

/** Parses the gateway's environment once (empty counts as unset); every bad variable in one error. */
export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const e = parseEnv(gatewayEnvSchema, env);
  return Object.freeze({
    port: e.PORT ?? e.GATEWAY_PORT ?? 8080,
    host: e.HOST,
    natsUrl: e.NATS_URL,
    natsAuth: busAuthFromEnv(e),
    databaseUrl: e.DATABASE_URL,
    namespace: e.LIVEGATE_NAMESPACE,
    sessionTtlS: e.SESSION_TTL_S,
    allowedOrigins: Object.freeze([...e.GATEWAY_ALLOWED_ORIGINS]),
    cookieSecure: e.COOKIE_SECURE,
    startupRetry: startupRetryPolicy(e),
    logLevel: e.LOG_LEVEL,
    prettyLogs: e.LOG_FORMAT === 'pretty',
    armingTimeoutMs: e.ARMING_TIMEOUT_MS,
    wsHeartbeatMs: e.WS_HEARTBEAT_S * 1000,
    wsMaxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
    live: Object.freeze({
      venueLabel: e.LIVE_VENUE_LABEL,
      accountLabel: e.LIVE_ACCOUNT_LABEL ?? null,
      sessionMaxS: e.LIVE_SESSION_MAX_S,
      tokenTtlS: e.ARM_TOKEN_TTL_S,
    }),
    loginThrottle: Object.freeze({
      limit: e.LOGIN_FAILURE_LIMIT,
      addressLimit: e.LOGIN_ADDRESS_FAILURE_LIMIT,
      windowS: e.LOGIN_FAILURE_WINDOW_S,
    }),
    loginSlowdown: Object.freeze({ stepMs: 100, maxMs: e.LOGIN_SLOWDOWN_MAX_MS }),
    proxySecret: e.GATEWAY_PROXY_SECRET ?? null,
    refusalAudit: Object.freeze({
      windowS: e.REFUSAL_AUDIT_WINDOW_S,
      maxKeys: e.REFUSAL_AUDIT_MAX_KEYS,
    }),
    riskFourEyes: e.ARM_REQUIRE_SECOND_OPERATOR,
  });
}
