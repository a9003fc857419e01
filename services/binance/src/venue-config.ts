import { z } from 'zod';
import { STREAM_SILENCE_DEFAULT_MS } from './reconnecting-socket.js';
import { BINANCE_SPOT_BUDGET } from './weight-budget.js';

const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as "https://api.binance.com"' })
  .transform((url) => url.replace(/\/+$/, ''))
  .refine(
    (url) => !/\/api$/.test(url),
    'must be the host root without "/api" (binance-api-node adds /api/v3/...)',
  );

const wsUrl = z
  .url({ protocol: /^wss?$/, error: 'must be a ws(s) URL such as "wss://stream.binance.com:9443"' })
  .transform((url) => url.replace(/\/+$/, ''));

/**
 * One venue's settings. `baseUrl` is the REST host root, given to binance-api-node as `httpBase`;
 * the library's `testnet` flag is never used (it means Demo Mode and ignores `httpBase`).
 */
export const venueConfigSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1 to 32 characters of [A-Za-z0-9_-]'),
  baseUrl,
  apiKey: z.string().min(1, 'required'),
  apiSecret: z.string().min(1, 'required'),
  /** Sent with every signed call; Binance's default and our default is 5000, its maximum 60000. */
  recvWindowMs: z.int().min(1).max(60_000).default(5_000),
  /** Our own deadline per call (the library has none); a placement that misses it is `unknown`. */
  timeoutMs: z.int().positive().default(10_000),
  /** How long a fetched exchangeInfo is used before it is fetched again. */
  exchangeInfoTtlMs: z.int().positive().default(300_000),
  /** Wait reported with a rate limit when the venue's Retry-After cannot be read. */
  rateLimitBackoffMs: z.int().positive().default(10_000),
  /** How long an account snapshot serves the balance check (a refusal always re-reads it first). */
  balanceTtlMs: z.int().nonnegative().default(1_000),
  /** How long a measured server-time offset is trusted before it is measured again. */
  timeSyncTtlMs: z.int().positive().default(300_000),
  /**
   * Where a MARKET order's reference price comes from: `avgPrice` (GET /api/v3/avgPrice, what
   * Binance's notional filters use) or `tickerPrice` (GET /api/v3/ticker/price, the last price).
   */
  marketPriceSource: z.enum(['avgPrice', 'tickerPrice']).default('avgPrice'),
  /**
   * The WebSocket API (`wss://ws-api.binance.com:443/ws-api/v3`). Set: balances come from the user
   * data stream (a REST snapshot on every (re)subscription and gap, then deltas), and exchangeInfo
   * and the server time are refreshed on a timer, off the order path.
   */
  wsApiUrl: wsUrl.optional(),
  /**
   * The market-stream host root (`wss://stream.binance.com:9443`). Set: the reference price is the
   * bookTicker mid while fresh, `marketPriceSource` by REST otherwise.
   */
  streamUrl: wsUrl.optional(),
  /**
   * A stream connection that brings no frame (message, ping or pong) for this long is closed and
   * reopened (then resynced); we ping every third of it. Binance answers pings at once.
   */
  streamSilenceMs: z.int().min(100).default(STREAM_SILENCE_DEFAULT_MS),
  /** A streamed price with no book change for this long is not used (REST answers instead). */
  streamPriceMaxAgeMs: z.int().positive().default(10_000),
  /** REQUEST_WEIGHT per minute of the venue's IP (Binance spot: 6000): the shared budget's limit. */
  weightPerMinute: z.int().positive().default(BINANCE_SPOT_BUDGET.weightPerMinute),
  /** ORDERS per 10 s of the account (Binance spot: 100). */
  ordersPer10s: z.int().positive().default(BINANCE_SPOT_BUDGET.ordersPer10s),
  /** Who uses this adapter: execution (`orders`) or the reconciler (`reads`, which yields first). */
  budgetClass: z.enum(['orders', 'reads']).default('orders'),
  /** Share of the weight limit the reconciler's reads may use. */
  readShare: z.number().gt(0).lte(1).default(BINANCE_SPOT_BUDGET.readShare),
  /** Share of the weight and order limits execution may use (the rest is margin for clients we do not see). */
  orderShare: z.number().gt(0).lte(1).default(BINANCE_SPOT_BUDGET.orderShare),
});

export type VenueConfigInput = z.input<typeof venueConfigSchema>;
export type VenueConfig = z.output<typeof venueConfigSchema>;

/** The venue settings did not parse; `issues` name each bad field (never its value: secrets live here). */
export class VenueConfigError extends Error {
  override readonly name = 'VenueConfigError';
  constructor(readonly issues: readonly string[]) {
    super(`invalid venue configuration: ${issues.join('; ')}`);
  }
}

export function parseVenueConfig(input: VenueConfigInput): VenueConfig {
  const result = venueConfigSchema.safeParse(input);
  if (!result.success)
    throw new VenueConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return Object.freeze(result.data);
}
