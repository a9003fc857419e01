import { Dec } from './decimal.js';
import { errors, type ApiError } from './errors.js';
import type { OrderType, Side } from './orders-store.js';
import { withinPriceBand } from './price-band.js';
import type { SymbolSpec } from './symbols.js';

export interface FilterInput {
  readonly type: OrderType;
  /** Limit price; absent for MARKET. */
  readonly price?: Dec;
  readonly quantity: Dec;
  /** price × quantity, or for MARKET the reference-price notional (or quoteOrderQty). */
  readonly notional: Dec;
  /** The side and average price the PERCENT_PRICE_BY_SIDE band is judged against (absent: no band). */
  readonly band?: { readonly side: Side; readonly average: Dec };
}

/** min ≤ value ≤ max and value % step == 0; a zero bound or step disables that rule. */
function withinRangeAndStep(value: Dec, min: string, max: string, step: string): boolean {
  const lo = new Dec(min);
  const hi = new Dec(max);
  const tick = new Dec(step);
  if (!lo.isZero() && value.lt(lo)) return false;
  if (!hi.isZero() && value.gt(hi)) return false;
  return tick.isZero() || value.mod(tick).isZero();
}

function notionalOk(spec: SymbolSpec, input: FilterInput): boolean {
  const n = input.notional;
  if (n.lt(spec.notional.minNotional)) return false;
  const market = input.type === 'MARKET';
  return spec.notional.kind === 'MIN_NOTIONAL' || market || n.lte(spec.notional.maxNotional);
}

/**
 * The symbol filters in Binance's order: PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE (MARKET only),
 * PERCENT_PRICE_BY_SIDE (limit prices, when `band` is given), NOTIONAL / MIN_NOTIONAL (max notional
 * not applied to MARKET). -1013 "Filter failure: X".
 */
export function checkFilters(spec: SymbolSpec, input: FilterInput): ApiError | undefined {
  const { priceFilter: pf, lotSize: lot, marketLotSize: mlot } = spec;
  if (
    input.price !== undefined &&
    !withinRangeAndStep(input.price, pf.minPrice, pf.maxPrice, pf.tickSize)
  ) {
    return errors.filter('PRICE_FILTER');
  }
  if (!withinRangeAndStep(input.quantity, lot.minQty, lot.maxQty, lot.stepSize))
    return errors.filter('LOT_SIZE');
  if (
    input.type === 'MARKET' &&
    !withinRangeAndStep(input.quantity, mlot.minQty, mlot.maxQty, mlot.stepSize)
  ) {
    return errors.filter('MARKET_LOT_SIZE');
  }
  if (
    input.band !== undefined &&
    input.price !== undefined &&
    !withinPriceBand(spec, input.band.side, input.price, input.band.average)
  ) {
    return errors.filter('PERCENT_PRICE_BY_SIDE');
  }
  if (!notionalOk(spec, input)) return errors.filter(spec.notional.kind);
  return undefined;
}
