import { Dec } from './decimal.js';
import type { SymbolSpec } from './symbols.js';

/** One synthetic level on each side: asks at last + offset, bids at last − offset. */
export interface DepthLevel {
  readonly offset: Dec;
  readonly qty: Dec;
}

/**
 * The synthetic liquidity around each symbol's last price (the rest of the market). It is
 * replenished for every taker order. Default, one level at the last price on each side with the
 * symbol's LOT_SIZE maxQty — in effect unlimited, the simulator's historical behaviour.
 */
export function createSyntheticDepth(specs: readonly SymbolSpec[]) {
  const configured = new Map<string, readonly DepthLevel[]>();
  const defaults = new Map(
    specs.map((s) => [s.symbol, [{ offset: new Dec(0), qty: new Dec(s.lotSize.maxQty) }]]),
  );
  return {
    /** The levels of a listed symbol, nearest first. */
    levels(symbol: string): readonly DepthLevel[] {
      return configured.get(symbol) ?? (defaults.get(symbol) as DepthLevel[]);
    },
    /** Sets the levels (sorted by offset; an empty list: no synthetic liquidity); undefined: default. */
    set(symbol: string, levels: readonly DepthLevel[] | undefined): void {
      if (levels === undefined) configured.delete(symbol);
      else
        configured.set(
          symbol,
          [...levels].sort((a, b) => a.offset.comparedTo(b.offset)),
        );
    },
    reset(): void {
      configured.clear();
    },
  };
}

export type SyntheticDepth = ReturnType<typeof createSyntheticDepth>;
