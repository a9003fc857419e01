import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

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
};

/** The parsed PAPER_* and LIVE_* variables and {@link venueTimingEnv}. */
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
    return Object.freeze({
      name,
      baseUrl: e[`${prefix}_BASE_URL`],
      apiKey: e[`${prefix}_API_KEY`],
      apiSecret: e[`${prefix}_API_SECRET`],
      recvWindowMs: e.VENUE_RECV_WINDOW_MS,
      timeoutMs: e.VENUE_TIMEOUT_MS,
      ...(wsApiUrl === undefined ? {} : { wsApiUrl }),
      ...(streamUrl === undefined ? {} : { streamUrl }),
      ...extra,
    }) as VenueEnvSettings & X;
  };
  return Object.freeze({ paper: venue('paper', 'PAPER'), live: venue('live', 'LIVE') });
}
