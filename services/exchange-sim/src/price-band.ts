import { Dec } from './decimal.js';
import type { Side } from './orders-store.js';
import type { SymbolSpec } from './symbols.js';

/** `PERCENT_PRICE_BY_SIDE`: the multipliers of the average price a limit price must stay within. */
export interface PercentPriceBySide {
  readonly bidMultiplierUp: string;
  readonly bidMultiplierDown: string;
  readonly askMultiplierUp: string;
  readonly askMultiplierDown: string;
}

/** Live BTCUSDT's band: a BUY or SELL price within 0.2× to 5× the average price. */
export const LIVE_PERCENT_PRICE_BY_SIDE: PercentPriceBySide = {
  bidMultiplierUp: '5',
  bidMultiplierDown: '0.2',
  askMultiplierUp: '5',
  askMultiplierDown: '0.2',
};

/**
 * Whether a limit `price` on `side` passes the symbol's PERCENT_PRICE_BY_SIDE against the average
 * price: BUY within [avg × bidMultiplierDown, avg × bidMultiplierUp], SELL with the ask multipliers
 * (bounds included). A symbol without the filter passes everything.
 */
export function withinPriceBand(spec: SymbolSpec, side: Side, price: Dec, average: Dec): boolean {
  const band = spec.percentPriceBySide;
  if (band === undefined) return true;
  const [up, down] =
    side === 'BUY'
      ? [band.bidMultiplierUp, band.bidMultiplierDown]
      : [band.askMultiplierUp, band.askMultiplierDown];
  return price.lte(average.mul(new Dec(up))) && price.gte(average.mul(new Dec(down)));
}
