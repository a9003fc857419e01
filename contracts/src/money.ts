import { z } from 'zod';
import { isoDateTime } from './common.js';
import { decimalString } from './decimal.js';
import { intentModeSchema, intentSourceSchema } from './intent.js';

/**
 * Money on screen (issue 13): what the gateway answers on `/api/money/*`. Amounts are decimal
 * strings; P&L may be negative. Definitions (docs/10_FEATURES.md, "Money on screen"):
 * - balances: the venue account's free and locked amount per asset, from the reconciler's last read;
 * - realised P&L: per (venue, strategy, symbol), average-cost accounting over the session's fills in
 *   time order, in the symbol's quote asset, after fees charged in the base or quote asset;
 * - exposure: per (venue, strategy, base asset), the net filled position and what open orders would
 *   add or remove if they filled.
 */

/** A decimal string that may be negative: `-12.5`, `0`, `3`. */
export const signedDecimalString = z
  .string()
  .regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a decimal string such as "-12.5"');

/**
 * Quote assets a symbol may end with (none of them ends another). The gateway has no exchangeInfo,
 * so symbols are split by name.
 */
export const KNOWN_QUOTE_ASSETS: readonly string[] = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'EUR',
  'TRY',
  'BRL',
  'BTC',
  'ETH',
  'BNB',
];

/** `BTCUSDT` → `{ base: 'BTC', quote: 'USDT' }`; undefined when no known quote asset ends it. */
export function splitSymbol(symbol: string): { base: string; quote: string } | undefined {
  const quote = KNOWN_QUOTE_ASSETS.find((q) => symbol.length > q.length && symbol.endsWith(q));
  return quote === undefined ? undefined : { base: symbol.slice(0, -quote.length), quote };
}

export const moneyBalanceSchema = z.object({
  asset: z.string(),
  free: decimalString,
  locked: decimalString,
});

export const moneyVenueBalancesSchema = z
  .object({
    venue: intentModeSchema,
    /** When the venue's account was read (the database's clock). */
    takenAt: isoDateTime,
    balances: z.array(moneyBalanceSchema),
  })
  .meta({ id: 'MoneyVenueBalances' });
export type MoneyVenueBalances = z.infer<typeof moneyVenueBalancesSchema>;

export const moneyBalancesSchema = z
  .object({ venues: z.array(moneyVenueBalancesSchema) })
  .meta({ id: 'MoneyBalances' });
export type MoneyBalances = z.infer<typeof moneyBalancesSchema>;

/** Fees as charged, per asset: `{ BNB: "0.0012", USDT: "0.1" }`. */
export const feesByAssetSchema = z.record(z.string(), decimalString);

export const pnlLineSchema = z
  .object({
    venue: intentModeSchema,
    source: intentSourceSchema,
    symbol: z.string(),
    /** The asset P&L and average cost are in; null when the symbol's quote asset is not known. */
    quoteAsset: z.string().nullable(),
    trades: z.number().int().nonnegative(),
    boughtQty: decimalString,
    soldQty: decimalString,
    /** Base quantity still held from the session's buys, and its average cost per unit. */
    position: decimalString,
    avgCost: decimalString,
    /** In `quoteAsset`, after base and quote fees; fees in a third asset (BNB) are not in it. */
    realisedPnl: signedDecimalString,
    /** Base quantity sold beyond what the session had bought: no cost basis, so no P&L. */
    unmatchedSellQty: decimalString,
    fees: feesByAssetSchema,
  })
  .meta({ id: 'PnlLine' });
export type PnlLine = z.infer<typeof pnlLineSchema>;

export const moneyPnlSchema = z
  .object({
    /** The session: fills traded at or after this moment. */
    since: isoDateTime,
    lines: z.array(pnlLineSchema),
  })
  .meta({ id: 'MoneyPnl' });
export type MoneyPnl = z.infer<typeof moneyPnlSchema>;

export const pnlPointSchema = z.object({ at: isoDateTime, pnl: signedDecimalString });
export type PnlPoint = z.infer<typeof pnlPointSchema>;

export const pnlSeriesSchema = z.object({
  venue: intentModeSchema,
  quoteAsset: z.string().nullable(),
  /** Cumulative realised P&L of every strategy asked for, one point per fill that changed it. */
  points: z.array(pnlPointSchema),
});
export type PnlSeries = z.infer<typeof pnlSeriesSchema>;

export const moneyPnlSeriesSchema = z
  .object({ since: isoDateTime, series: z.array(pnlSeriesSchema) })
  .meta({ id: 'MoneyPnlSeries' });
export type MoneyPnlSeries = z.infer<typeof moneyPnlSeriesSchema>;

export const exposureLineSchema = z
  .object({
    venue: intentModeSchema,
    source: intentSourceSchema,
    asset: z.string(),
    /** Net filled base quantity, bought − sold, over every fill of the strategy (not only the session). */
    position: signedDecimalString,
    /** Unfilled base quantity of open BUY / SELL orders (a quoteOrderQty order counts by its fills). */
    openBuy: decimalString,
    openSell: decimalString,
    /** The position if every open BUY filled, and if every open SELL filled. */
    ifBuysFill: signedDecimalString,
    ifSellsFill: signedDecimalString,
  })
  .meta({ id: 'ExposureLine' });
export type ExposureLine = z.infer<typeof exposureLineSchema>;

export const moneyExposureSchema = z
  .object({ lines: z.array(exposureLineSchema) })
  .meta({ id: 'MoneyExposure' });
export type MoneyExposure = z.infer<typeof moneyExposureSchema>;

/** Query of `/api/money/pnl` and `/api/money/pnl/series`. */
export const moneyPnlQuerySchema = z.strictObject({
  venue: intentModeSchema.optional(),
  source: intentSourceSchema.optional(),
  since: isoDateTime.optional().meta({
    description: 'Start of the session (default: 00:00 UTC today, by the database clock)',
  }),
});
export type MoneyPnlQuery = z.infer<typeof moneyPnlQuerySchema>;
