import {
  readsYieldToOrders,
  venueBudgetEnv,
  venueTimingEnv,
  venuesAreDistinct,
  venuesFromEnv,
  type VenueEnvSettings,
} from '@livegate/binance';
import { busAuthEnv, busAuthFromEnv, busEnv, type BusAuth } from '@livegate/bus';
import { serviceDatabaseEnv } from '@livegate/db';
import {
  logEnv,
  parseEnv,
  startupRetryEnv,
  startupRetryPolicy,
  type BackoffPolicy,
} from '@livegate/runtime';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();
const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as "https://api.binance.com"' })
  .transform((url) => url.replace(/\/+$/, ''));

/** What the reconciler does with an open order whose client order id is not ours. */
export const EXTERNAL_ORDER_ACTIONS = ['report', 'cancel'] as const;
export type ExternalOrderAction = (typeof EXTERNAL_ORDER_ACTIONS)[number];

const reconcilerEnvSchema = z
  .object({
    NATS_URL: busEnv.NATS_URL,
    ...busAuthEnv,
    DATABASE_URL: serviceDatabaseEnv('reconciler').DATABASE_URL,
    LIVEGATE_NAMESPACE: busEnv.LIVEGATE_NAMESPACE,
    PAPER_BASE_URL: baseUrl,
    PAPER_API_KEY: z.string().min(1),
    PAPER_API_SECRET: z.string().min(1),
    LIVE_BASE_URL: baseUrl,
    LIVE_API_KEY: z.string().min(1),
    LIVE_API_SECRET: z.string().min(1),
    ...venueBudgetEnv,
    /** Seconds between two timer-started runs of each venue. */
    RECONCILE_INTERVAL_S: positiveInt.default(10),
    /** `report` lists external open orders; `cancel` also cancels them. */
    EXTERNAL_ORDERS: z.enum(EXTERNAL_ORDER_ACTIONS).default('report'),
    /** Added to a request's recvWindow before a -2013 lookup may count towards NOT_PLACED. */
    CLOCK_MARGIN_MS: z.coerce.number().int().nonnegative().default(1_000),
    /** Longest total wait on rate limits (Retry-After) within one run before it ends with an error. */
    RECONCILE_MAX_PAUSE_S: z.coerce.number().int().nonnegative().default(30),
    VENUE_RECV_WINDOW_MS: venueTimingEnv.VENUE_RECV_WINDOW_MS,
    VENUE_TIMEOUT_MS: venueTimingEnv.VENUE_TIMEOUT_MS,
    NOT_PLACED_CONFIRM_MS: venueTimingEnv.NOT_PLACED_CONFIRM_MS,
    ...startupRetryEnv,
    LOG_LEVEL: logEnv.LOG_LEVEL,
    LOG_FORMAT: logEnv.LOG_FORMAT,
  })
  .refine(venuesAreDistinct, {
    path: ['LIVE_API_KEY'],
    message:
      'the paper and live venues share the same base URL and API key: the two venues would be one account',
  })
  .refine(readsYieldToOrders, {
    path: ['VENUE_READ_SHARE'],
    message: "must be at most VENUE_ORDER_SHARE: the reconciler's reads yield to orders",
  });

export type VenueSettings = VenueEnvSettings;

/** What a run decides with (shared by every venue). */
export interface ReconcileRules {
  readonly clockMarginMs: number;
  /** How long not-found lookups must keep agreeing after the in-flight window (venue read lag). */
  readonly notPlacedConfirmMs: number;
  readonly externalOrders: ExternalOrderAction;
  /** Total Retry-After a run may wait out before it ends with RATE_LIMITED. */
  readonly maxPauseMs: number;
}

export interface ReconcilerConfig {
  readonly natsUrl: string;
  /** Its NATS credentials (NATS_NKEY_SEED, ...); undefined connects anonymously. */
  readonly natsAuth: BusAuth | undefined;
  readonly databaseUrl: string;
  readonly namespace: string;
  readonly venues: { readonly paper: VenueSettings; readonly live: VenueSettings };
  readonly intervalMs: number;
  readonly rules: ReconcileRules;
  /** How PostgreSQL and NATS are retried at start-up (STARTUP_RETRY_*). */
  readonly startupRetry: BackoffPolicy;
  readonly logLevel: string;
  readonly prettyLogs: boolean;
}

/** Parses the reconciler env once (empty counts as unset, every bad variable reported) and freezes it. */
export function loadReconcilerConfig(env: Record<string, string | undefined>): ReconcilerConfig {
  const e = parseEnv(reconcilerEnvSchema, env);
  return Object.freeze({
    natsUrl: e.NATS_URL,
    natsAuth: busAuthFromEnv(e),
    databaseUrl: e.DATABASE_URL,
    namespace: e.LIVEGATE_NAMESPACE,
    venues: venuesFromEnv(e),
    intervalMs: e.RECONCILE_INTERVAL_S * 1000,
    rules: Object.freeze({
      clockMarginMs: e.CLOCK_MARGIN_MS,
      notPlacedConfirmMs: e.NOT_PLACED_CONFIRM_MS,
      externalOrders: e.EXTERNAL_ORDERS,
      maxPauseMs: e.RECONCILE_MAX_PAUSE_S * 1000,
    }),
    startupRetry: startupRetryPolicy(e),
    logLevel: e.LOG_LEVEL,
    prettyLogs: e.LOG_FORMAT === 'pretty',
  });
}
