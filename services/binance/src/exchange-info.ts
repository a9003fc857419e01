import { z } from 'zod';
import { epochMs, venueDecimal } from './wire.js';

const priceFilter = z.object({
  minPrice: venueDecimal,
  maxPrice: venueDecimal,
  tickSize: venueDecimal,
});
const lotSize = z.object({ minQty: venueDecimal, maxQty: venueDecimal, stepSize: venueDecimal });
const minNotional = z.object({
  minNotional: venueDecimal,
  applyToMarket: z.boolean().default(true),
  avgPriceMins: z.int().optional(),
});
const notional = z.object({
  minNotional: venueDecimal,
  applyMinToMarket: z.boolean().default(true),
  maxNotional: venueDecimal,
  applyMaxToMarket: z.boolean().default(false),
  avgPriceMins: z.int().optional(),
});
const maxNumOrders = z.object({ maxNumOrders: z.int().nonnegative() });

const KNOWN = {
  PRICE_FILTER: ['priceFilter', priceFilter],
  LOT_SIZE: ['lotSize', lotSize],
  MARKET_LOT_SIZE: ['marketLotSize', lotSize],
  MIN_NOTIONAL: ['minNotional', minNotional],
  NOTIONAL: ['notional', notional],
  MAX_NUM_ORDERS: ['maxNumOrders', maxNumOrders],
} as const;

/** The filters the pre-trade check enforces, by name; filters it does not know are kept only by name. */
export interface SymbolFilters {
  readonly priceFilter?: z.infer<typeof priceFilter>;
  readonly lotSize?: z.infer<typeof lotSize>;
  readonly marketLotSize?: z.infer<typeof lotSize>;
  readonly minNotional?: z.infer<typeof minNotional>;
  readonly notional?: z.infer<typeof notional>;
  readonly maxNumOrders?: z.infer<typeof maxNumOrders>;
  readonly other: readonly string[];
}

const filterList = z
  .array(z.looseObject({ filterType: z.string() }))
  .transform((filters, ctx): SymbolFilters => {
    const out: Record<string, unknown> = {};
    const other: string[] = [];
    filters.forEach((filter, index) => {
      const known = KNOWN[filter.filterType as keyof typeof KNOWN] as
        (typeof KNOWN)[keyof typeof KNOWN] | undefined;
      if (known === undefined) {
        other.push(filter.filterType);
        return;
      }
      const parsed = known[1].safeParse(filter);
      if (parsed.success) out[known[0]] = parsed.data;
      else
        for (const issue of parsed.error.issues)
          ctx.addIssue({ ...issue, path: [index, ...issue.path] });
    });
    return { ...out, other };
  });

export const symbolInfoSchema = z
  .object({
    symbol: z.string(),
    status: z.string(),
    baseAsset: z.string(),
    quoteAsset: z.string(),
    baseAssetPrecision: z.int().nonnegative(),
    quoteAssetPrecision: z.int().nonnegative().optional(),
    quotePrecision: z.int().nonnegative().optional(),
    orderTypes: z.array(z.string()).default([]),
    quoteOrderQtyMarketAllowed: z.boolean().default(false),
    filters: filterList,
  })
  .transform(({ quoteAssetPrecision, quotePrecision, ...rest }, ctx) => {
    const precision = quoteAssetPrecision ?? quotePrecision;
    if (precision === undefined) {
      ctx.addIssue({ code: 'custom', path: ['quoteAssetPrecision'], message: 'required' });
      return z.NEVER;
    }
    return { ...rest, quoteAssetPrecision: precision };
  });
export type SymbolInfo = z.infer<typeof symbolInfoSchema>;

/** GET /api/v3/exchangeInfo, reduced to what the adapter uses, with symbols keyed by name. */
export const exchangeInfoSchema = z
  .object({
    serverTime: epochMs.optional(),
    symbols: z.array(symbolInfoSchema),
  })
  .transform(({ serverTime, symbols }) => ({
    serverTime,
    symbols: new Map(symbols.map((s) => [s.symbol, s])),
  }));
export type ExchangeInfo = z.infer<typeof exchangeInfoSchema>;
