import { Dec } from './decimal.js';
import type { SymbolSpec } from './symbols.js';

/**
 * The last price of every listed symbol, and an optional cap on what one taker order can trade.
 * Start (and reset) prices are the symbols' initial prices unless `startPrices` names the symbol.
 */
export function createPriceBook(
  specs: readonly SymbolSpec[],
  startPrices: Readonly<Record<string, string>> = {},
) {
  const last = new Map<string, Dec>();
  const depths = new Map<string, Dec>();
  const reset = () => {
    for (const spec of specs)
      last.set(spec.symbol, new Dec(startPrices[spec.symbol] ?? spec.initialPrice));
    depths.clear();
  };
  reset();
  return {
    /** Last price of a listed symbol. */
    get(symbol: string): Dec {
      return last.get(symbol) as Dec;
    },
    set(symbol: string, price: Dec): void {
      last.set(symbol, price);
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
      return [...last.entries()];
    },
    reset,
  };
}

export type PriceBook = ReturnType<typeof createPriceBook>;
