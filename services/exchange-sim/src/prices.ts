import { Dec } from './decimal.js';
import type { SymbolSpec } from './symbols.js';

/** The last price of every listed symbol (the only "liquidity" the simulator has). */
export function createPriceBook(specs: readonly SymbolSpec[]) {
  const last = new Map<string, Dec>();
  const reset = () => {
    for (const spec of specs) last.set(spec.symbol, new Dec(spec.initialPrice));
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
    entries(): [string, Dec][] {
      return [...last.entries()];
    },
    reset,
  };
}

export type PriceBook = ReturnType<typeof createPriceBook>;
