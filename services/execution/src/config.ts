import { hostname } from 'node:os';
import {
  readsYieldToOrders,
  venueBudgetEnv,
  venueStreamEnv,
  venueTimingEnv,
  venuesAreDistinct,
  venuesFromEnv,
  type VenueEnvSettings,
} from '@livegate/binance';
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

const positiveInt = z.coerce.number().int().positive();
const token = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,48}$/, '1 to 48 characters of A-Z, a-z, 0-9, "_" or "-"');
// Env values are strings and parseEnv drops empty ones: a failing string is a missing one.
const secret = z.string({ error: 'required' }).min(1, 'required');
const baseUrl = z
  .url({
    protocol: /^https?$/,
    error: (issue) =>
      issue.input === undefined
        ? 'required'
        : 'must be an http(s) URL such as "https://api.binance.com"',
  })
  .transform((url) => url.replace(/\/+$/, ''));

/**
 * Points at which a test run kills (EXECUTION_CRASH_AT, SIGKILL) or freezes (EXECUTION_FREEZE_AT,
 * SIGSTOP: the whole process stops until SIGCONT, as in a GC pause or a frozen container) itself.
 */
export const CRASH_POINTS = [
  'after-submitting-commit',
  'before-fence-commit',
  'after-fence-commit',
  'after-exchange-accept',
  'after-cancel-commit',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** The instance id when EXECUTION_INSTANCE_ID is unset: the host name, made token-safe. */
export function defaultInstanceId(host: string = hostname()): string {
  return `exec-${host.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 48);
}

const executionEnvSchema = z
  .object({
    NATS_URL: busEnv.NATS_URL,
    ...busAuthEnv,
    DATABASE_URL: serviceDatabaseEnv('execution').DATABASE_URL,
    LIVEGATE_NAMESPACE: busEnv.LIVEGATE_NAMESPACE,
    PAPER_BASE_URL: baseUrl,
    PAPER_API_KEY: secret,
    PAPER_API_SECRET: secret,
    LIVE_BASE_URL: baseUrl,
    LIVE_API_KEY: secret,
    LIVE_API_SECRET: secret,
    ...venueStreamEnv,
    ...venueBudgetEnv,
    /** An intent older than this (from its createdAt, on the database's clock) is refused STALE. */
    INTENT_MAX_AGE_S: positiveInt.default(30),
    /** An intent whose createdAt is further ahead of the database's clock is refused FUTURE_DATED. */
    INTENT_MAX_FUTURE_MS: z.coerce.number().int().nonnegative().max(60_000).default(2_000),
    /** ORDER_INTENTS duplicate window when this instance provisions the streams. */
    INTENT_DUPLICATE_WINDOW_MS: positiveInt.optional(),
    /** Stable across restarts of one instance, unique among instances running at once. */
    EXECUTION_INSTANCE_ID: token.default(defaultInstanceId()),
    /** Intents worked at once by this instance. */
    EXECUTION_CONCURRENCY: positiveInt.max(256).default(16),
    /** Added to a request's recvWindow before a -2013 lookup may count towards NOT_PLACED. */
    CLOCK_MARGIN_MS: z.coerce.number().int().nonnegative().default(1_000),
    /**
     * JetStream redelivers an intent not acked within this (e.g. after a crash); working() extends it
     * while the intent is worked on. At most a third of INTENT_MAX_AGE_S, so a crash never ages one out.
     */
    EXECUTION_ACK_WAIT_MS: positiveInt.min(1_000).default(5_000),
    /** Deliveries of one intent before it goes to the dead-letter subject. */
    EXECUTION_MAX_DELIVER: positiveInt.min(10).default(200),
    /** A fenced order must be signed within this of its fenced step, or it is not sent at all. */
    EXECUTION_SEND_BUDGET_MS: positiveInt.max(10_000).default(1_000),
    /** How often the trading state is read from the database (a kill is acted on without the bus). */
    EXECUTION_KILL_POLL_MS: positiveInt.min(50).default(500),
    /** Hold live intents until a reconcile.completed that started after this instance. */
    EXECUTION_REQUIRE_RECONCILE: envBoolean.default(true),
    VENUE_RECV_WINDOW_MS: venueTimingEnv.VENUE_RECV_WINDOW_MS,
    VENUE_TIMEOUT_MS: venueTimingEnv.VENUE_TIMEOUT_MS,
    NOT_PLACED_CONFIRM_MS: venueTimingEnv.NOT_PLACED_CONFIRM_MS,
    /** Reference price of MARKET orders for the notional check: avgPrice (Binance's own) or tickerPrice. */
    VENUE_MARKET_PRICE_SOURCE: z.enum(['avgPrice', 'tickerPrice']).default('avgPrice'),
    /** Test only: SIGKILL this process once at that point (see README). */
    EXECUTION_CRASH_AT: z.enum(CRASH_POINTS).optional(),
    /** Test only: SIGSTOP this process once at that point (a test sends SIGCONT). */
    EXECUTION_FREEZE_AT: z.enum(CRASH_POINTS).optional(),
    ...startupRetryEnv,
    LOG_LEVEL: logEnv.LOG_LEVEL,
    LOG_FORMAT: logEnv.LOG_FORMAT,
  })
  .refine(venuesAreDistinct, {
    path: ['LIVE_API_KEY'],
    message:
      'the paper and live venues share the same base URL and API key: live orders would land on the paper account (or the reverse)',
  })
  .refine(readsYieldToOrders, {
    path: ['VENUE_READ_SHARE'],
    message: "must be at most VENUE_ORDER_SHARE: the reconciler's reads yield to orders",
  })
  .refine((e) => e.EXECUTION_ACK_WAIT_MS * 3 <= e.INTENT_MAX_AGE_S * 1000, {
    path: ['EXECUTION_ACK_WAIT_MS'],
    message:
      'must be at most a third of INTENT_MAX_AGE_S: an intent redelivered after a crash would otherwise arrive stale',
  });

export interface VenueSettings extends VenueEnvSettings {
  readonly marketPriceSource: 'avgPrice' | 'tickerPrice';
}

export interface ExecutionConfig {
  readonly natsUrl: string;
  /** Its NATS credentials (NATS_NKEY_SEED, ...); undefined connects anonymously. */
  readonly natsAuth: BusAuth | undefined;
  readonly databaseUrl: string;
  readonly namespace: string;
  readonly venues: { readonly paper: VenueSettings; readonly live: VenueSettings };
  readonly intentMaxAgeMs: number;
  readonly intentFutureMarginMs: number;
  readonly intentDuplicateWindowMs: number | undefined;
  readonly instanceId: string;
  readonly concurrency: number;
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  readonly sendBudgetMs: number;
  readonly killPollMs: number;
  readonly clockMarginMs: number;
  readonly notPlacedConfirmMs: number;
  readonly requireReconcile: boolean;
  readonly crashAt: CrashPoint | undefined;
  readonly freezeAt: CrashPoint | undefined;
  /** How PostgreSQL and NATS are retried at start-up (STARTUP_RETRY_*). */
  readonly startupRetry: BackoffPolicy;
  readonly logLevel: string;
  readonly prettyLogs: boolean;
  /** WebSocket API URL per venue whose user data stream feeds the rows (absent: none). */
  readonly userStreamUrls: Partial<Readonly<Record<'paper' | 'live', string>>>;
}

/** Parses the execution env once (empty counts as unset, every bad variable reported) and freezes it. */
export function loadExecutionConfig(env: Record<string, string | undefined>): ExecutionConfig {
  const e = parseEnv(executionEnvSchema, env);
  return Object.freeze({
    natsUrl: e.NATS_URL,
    natsAuth: busAuthFromEnv(e),
    databaseUrl: e.DATABASE_URL,
    namespace: e.LIVEGATE_NAMESPACE,
    venues: venuesFromEnv(e, { marketPriceSource: e.VENUE_MARKET_PRICE_SOURCE }),
    intentMaxAgeMs: e.INTENT_MAX_AGE_S * 1000,
    intentFutureMarginMs: e.INTENT_MAX_FUTURE_MS,
    intentDuplicateWindowMs: e.INTENT_DUPLICATE_WINDOW_MS,
    instanceId: e.EXECUTION_INSTANCE_ID,
    concurrency: e.EXECUTION_CONCURRENCY,
    ackWaitMs: e.EXECUTION_ACK_WAIT_MS,
    maxDeliver: e.EXECUTION_MAX_DELIVER,
    sendBudgetMs: e.EXECUTION_SEND_BUDGET_MS,
    killPollMs: e.EXECUTION_KILL_POLL_MS,
    clockMarginMs: e.CLOCK_MARGIN_MS,
    notPlacedConfirmMs: e.NOT_PLACED_CONFIRM_MS,
    requireReconcile: e.EXECUTION_REQUIRE_RECONCILE,
    crashAt: e.EXECUTION_CRASH_AT,
    freezeAt: e.EXECUTION_FREEZE_AT,
    startupRetry: startupRetryPolicy(e),
    logLevel: e.LOG_LEVEL,
    prettyLogs: e.LOG_FORMAT === 'pretty',
    userStreamUrls: {
      ...(e.PAPER_WS_API_URL !== undefined && { paper: e.PAPER_WS_API_URL }),
      ...(e.LIVE_WS_API_URL !== undefined && { live: e.LIVE_WS_API_URL }),
    },
  });
}
