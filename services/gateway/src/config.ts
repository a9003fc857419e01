import { DEFAULT_DATABASE_URL } from '@livegate/db';
import { envBoolean, parseEnv } from '@livegate/runtime';
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
  .transform((raw) =>
    raw
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
  )
  .refine((list) => list.every(isOrigin), {
    message:
      'a comma-separated list of origins like "https://ops.example.com" (scheme, host, port; no path)',
  });

const gatewayEnvSchema = z.object({
  PORT: port.optional(),
  /** The dev runner's name for the port; PORT wins when both are set. */
  GATEWAY_PORT: port.optional(),
  HOST: z.string().default('127.0.0.1'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  LIVEGATE_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-" only')
    .default(''),
  SESSION_TTL_S: positiveInt
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  GATEWAY_ALLOWED_ORIGINS: origins.default(['http://127.0.0.1:5173', 'http://localhost:5173']),
  COOKIE_SECURE: envBoolean.default(false),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  ARMING_TIMEOUT_MS: positiveInt.default(3_000),
  WS_HEARTBEAT_S: positiveInt.default(15),
  WS_MAX_BUFFERED_BYTES: positiveInt.default(1024 * 1024),
});

export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly natsUrl: string;
  readonly databaseUrl: string;
  readonly namespace: string;
  /** Lifetime of a login session, seconds (SESSION_TTL_S, default 8 h). */
  readonly sessionTtlS: number;
  /** Origins a browser may send state-changing requests and websocket upgrades from. */
  readonly allowedOrigins: readonly string[];
  /** Mark the session cookie `Secure` (behind HTTPS). */
  readonly cookieSecure: boolean;
  readonly logLevel: string;
  /** How long to wait for the arming service to answer. */
  readonly armingTimeoutMs: number;
  readonly wsHeartbeatMs: number;
  /** A websocket client with more than this many bytes queued is dropped. */
  readonly wsMaxBufferedBytes: number;
}

/** Parses the gateway's environment once (empty counts as unset); every bad variable in one error. */
export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const e = parseEnv(gatewayEnvSchema, env);
  return Object.freeze({
    port: e.PORT ?? e.GATEWAY_PORT ?? 8080,
    host: e.HOST,
    natsUrl: e.NATS_URL,
    databaseUrl: e.DATABASE_URL,
    namespace: e.LIVEGATE_NAMESPACE,
    sessionTtlS: e.SESSION_TTL_S,
    allowedOrigins: Object.freeze([...e.GATEWAY_ALLOWED_ORIGINS]),
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    armingTimeoutMs: e.ARMING_TIMEOUT_MS,
    wsHeartbeatMs: e.WS_HEARTBEAT_S * 1000,
    wsMaxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
  });
}
