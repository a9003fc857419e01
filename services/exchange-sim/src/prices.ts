import {
  pruneHistory,
  timeWeightedAverage,
  type AveragePrice,
  type PricePoint,
} from './average-price.js';
import { Dec } from './decimal.js';
import { avgPriceMinsOf, type SymbolSpec } from './symbols.js';

/**
 * The last price of every listed symbol with its recent history (for the average price), and an
 * optional cap on what one taker order can trade. Start (and reset) prices are the symbols'
 * initial prices unless `startPrices` names the symbol.
 */
export function createPriceBook(
  specs: readonly SymbolSpec[],
  startPrices: Readonly<Record<string, string>> = {},
  clock: () => number = Date.now,
) {
  const histories = new Map<string, PricePoint[]>();
  const depths = new Map<string, Dec>();
  const mins = new Map(specs.map((s) => [s.symbol, avgPriceMinsOf(s)]));
  const historyOf = (symbol: string) => histories.get(symbol) as PricePoint[];
  const reset = () => {
    const now = clock();
    for (const spec of specs) {
      const price = new Dec(startPrices[spec.symbol] ?? spec.initialPrice);
      histories.set(spec.symbol, [{ time: now, price }]);
    }
    depths.clear();
  };
  reset();
  const get = (symbol: string): Dec => (historyOf(symbol).at(-1) as PricePoint).price;
  return {
    /** Last price of a listed symbol. */
    get,
    set(symbol: string, price: Dec): void {
      const now = clock();
      const kept = pruneHistory(historyOf(symbol), mins.get(symbol) as number, now);
      histories.set(symbol, [...kept, { time: now, price }]);
    },
    /** The time-weighted average of the last price over the symbol's `avgPriceMins`. */
    average(symbol: string): AveragePrice & { readonly mins: number } {
      const window = mins.get(symbol) as number;
      return { mins: window, ...timeWeightedAverage(historyOf(symbol), window, clock()) };
    },
    /** Most base quantity one taker order can trade at once; undefined = unlimited. */
    depth(symbol: string): Dec | undefined {
      return depths.get(symbol);
    },
    setDepth(symbol: string, maxQty: Dec | undefined): void {
      if (maxQty === undefined) depths.delete(symbol);
      else depths.set(symbol, maxQty);
    },
    entries(): [string, Dec][] {
      return specs.map((s) => [s.symbol, get(s.symbol)]);
    },
    reset,
  };
}

export type PriceBook = ReturnType<typeof createPriceBook>;
