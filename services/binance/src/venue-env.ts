import { z } from 'zod';
import { STREAM_SILENCE_DEFAULT_MS } from './reconnecting-socket.js';
import { BINANCE_SPOT_BUDGET } from './weight-budget.js';

const positiveInt = z.coerce.number().int().positive();
/** A whole number of at least `min`; every failure (not a number, a fraction, too small) says `message`. */
const wholeAtLeast = (min: number, message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message });

/** The env both venues' calls share: a service's env schema takes these entries by name. */
export const venueTimingEnv = {
  /**
   * recvWindow sent with every signed venue call (Binance default 5000, max 60000). Short on purpose:
   * a fenced order that reaches the venue later than this after it was signed is refused (-1021).
   */
  VENUE_RECV_WINDOW_MS: positiveInt.max(60_000).default(2_000),
  /** Our deadline per venue call; a placement that misses it is `unknown`. */
  VENUE_TIMEOUT_MS: positiveInt.default(10_000),
  /**
   * After an order's in-flight window, how long "-2013 not found" answers must keep agreeing before it
   * is NOT_PLACED: Binance's read path can lag behind an order it has just accepted.
   */
  NOT_PLACED_CONFIRM_MS: z.coerce.number().int().nonnegative().max(300_000).default(10_000),
};

const wsUrl = z
  .url({ protocol: /^wss?$/, error: 'must be a ws(s) URL such as "wss://stream.binance.com:9443"' })
  .transform((url) => url.replace(/\/+$/, ''))
  .optional();

/**
 * The venue streams (execution): the WebSocket API for the user data stream and the market-stream
 * host root, per venue. Set, an order costs one venue request in steady state (see the adapter).
 */
export const venueStreamEnv = {
  PAPER_WS_API_URL: wsUrl,
  PAPER_STREAM_URL: wsUrl,
  LIVE_WS_API_URL: wsUrl,
  LIVE_STREAM_URL: wsUrl,
  /**
   * A venue websocket that brings no frame (message, ping or pong) for this long is closed and
   * reopened, which resyncs by REST: a half-open connection is otherwise noticed only when the OS
   * gives up. We ping every third of it.
   */
  VENUE_STREAM_SILENCE_MS: wholeAtLeast(
    100,
    `must be a whole number of milliseconds, at least 100 (default ${STREAM_SILENCE_DEFAULT_MS})`,
  ).default(STREAM_SILENCE_DEFAULT_MS),
};

const limit = (what: string, binance: number) =>
  wholeAtLeast(
    1,
    `must be a whole number of at least 1 (${what}; Binance spot: ${binance})`,
  ).default(binance);
const share = (example: number) => {
  const message = `must be a share of the limit, more than 0 and at most 1 (e.g. ${example})`;
  return z.coerce
    .number({ error: message })
    .gt(0, { error: message })
    .lte(1, { error: message })
    .default(example);
};

/**
 * The request-weight budget (execution and the reconciler, which share it per venue key and IP):
 * each venue's limits, Binance spot's by default (set them to the simulator's when it runs with
 * others), and the shares of it reads (the reconciler) and orders (execution) may use.
 */
export const venueBudgetEnv = {
  PAPER_WEIGHT_PER_MINUTE: limit('request weight per minute', BINANCE_SPOT_BUDGET.weightPerMinute),
  PAPER_ORDERS_PER_10S: limit('orders per 10 s', BINANCE_SPOT_BUDGET.ordersPer10s),
  LIVE_WEIGHT_PER_MINUTE: limit('request weight per minute', BINANCE_SPOT_BUDGET.weightPerMinute),
  LIVE_ORDERS_PER_10S: limit('orders per 10 s', BINANCE_SPOT_BUDGET.ordersPer10s),
  /** Share of the weight limit the reconciler's reads may use. */
  VENUE_READ_SHARE: share(BINANCE_SPOT_BUDGET.readShare),
  /** Share of the weight and order limits execution may use (the rest is margin for clients we do not see). */
  VENUE_ORDER_SHARE: share(BINANCE_SPOT_BUDGET.orderShare),
};

/** False when reads may use more of the budget than orders: reads would no longer yield. Refine with it. */
export function readsYieldToOrders(e: {
  readonly VENUE_READ_SHARE: number;
  readonly VENUE_ORDER_SHARE: number;
}): boolean {
  return e.VENUE_READ_SHARE <= e.VENUE_ORDER_SHARE;
}

/** The parsed PAPER_* and LIVE_* variables, {@link venueTimingEnv} and, when taken, {@link venueStreamEnv} and {@link venueBudgetEnv}. */
export interface VenueEnv {
  readonly PAPER_BASE_URL: string;
  readonly PAPER_API_KEY: string;
  readonly PAPER_API_SECRET: string;
  readonly LIVE_BASE_URL: string;
  readonly LIVE_API_KEY: string;
  readonly LIVE_API_SECRET: string;
  readonly VENUE_RECV_WINDOW_MS: number;
  readonly VENUE_TIMEOUT_MS: number;
  readonly PAPER_WS_API_URL?: string | undefined;
  readonly PAPER_STREAM_URL?: string | undefined;
  readonly LIVE_WS_API_URL?: string | undefined;
  readonly LIVE_STREAM_URL?: string | undefined;
  readonly VENUE_STREAM_SILENCE_MS?: number | undefined;
  readonly PAPER_WEIGHT_PER_MINUTE?: number | undefined;
  readonly PAPER_ORDERS_PER_10S?: number | undefined;
  readonly LIVE_WEIGHT_PER_MINUTE?: number | undefined;
  readonly LIVE_ORDERS_PER_10S?: number | undefined;
  readonly VENUE_READ_SHARE?: number | undefined;
  readonly VENUE_ORDER_SHARE?: number | undefined;
}

/** One venue's settings from the env: what its adapter is created with. */
export interface VenueEnvSettings {
  readonly name: 'paper' | 'live';
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly recvWindowMs: number;
  readonly timeoutMs: number;
  readonly wsApiUrl?: string;
  readonly streamUrl?: string;
  readonly streamSilenceMs?: number;
  readonly weightPerMinute?: number;
  readonly ordersPer10s?: number;
  readonly readShare?: number;
  readonly orderShare?: number;
}

/**
 * False when paper and live are one account (same base URL and API key): orders meant for one venue
 * would land on the other. Refine a service's env schema with it.
 */
export function venuesAreDistinct(
  e: Pick<VenueEnv, 'PAPER_BASE_URL' | 'PAPER_API_KEY' | 'LIVE_BASE_URL' | 'LIVE_API_KEY'>,
): boolean {
  return !(e.PAPER_BASE_URL === e.LIVE_BASE_URL && e.PAPER_API_KEY === e.LIVE_API_KEY);
}

/** Both venues' settings (frozen) from the parsed env; `extra` is added to each. */
export function venuesFromEnv<X extends object = Record<never, never>>(
  e: VenueEnv,
  extra?: X,
): { readonly paper: VenueEnvSettings & X; readonly live: VenueEnvSettings & X } {
  const venue = (name: 'paper' | 'live', prefix: 'PAPER' | 'LIVE') => {
    const wsApiUrl = e[`${prefix}_WS_API_URL`];
    const streamUrl = e[`${prefix}_STREAM_URL`];
    const defined = Object.entries({
      streamSilenceMs: e.VENUE_STREAM_SILENCE_MS,
      weightPerMinute: e[`${prefix}_WEIGHT_PER_MINUTE`],
      ordersPer10s: e[`${prefix}_ORDERS_PER_10S`],
      readShare: e.VENUE_READ_SHARE,
      orderShare: e.VENUE_ORDER_SHARE,
    }).filter(([, v]) => v !== undefined);
    return Object.freeze({
      name,
      baseUrl: e[`${prefix}_BASE_URL`],
      apiKey: e[`${prefix}_API_KEY`],
      apiSecret: e[`${prefix}_API_SECRET`],
      recvWindowMs: e.VENUE_RECV_WINDOW_MS,
      timeoutMs: e.VENUE_TIMEOUT_MS,
      ...(wsApiUrl === undefined ? {} : { wsApiUrl }),
      ...(streamUrl === undefined ? {} : { streamUrl }),
      ...Object.fromEntries(defined),
      ...extra,
    }) as VenueEnvSettings & X;
  };
  return Object.freeze({ paper: venue('paper', 'PAPER'), live: venue('live', 'LIVE') });
}
