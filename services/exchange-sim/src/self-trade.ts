import { Dec } from './decimal.js';
import type { StpMode } from './orders-store.js';

/** What self-trade prevention takes from each side when a taker meets its own resting order. */
export interface Prevention {
  /** Quantity the taker loses (zero: it keeps matching). */
  readonly taker: Dec;
  /** Quantity the maker loses. */
  readonly maker: Dec;
}

/**
 * The taker's mode decides (BINANCE.md §6, stp_faq): EXPIRE_TAKER expires the taker's remaining
 * quantity, EXPIRE_MAKER the maker's, EXPIRE_BOTH both, DECREMENT takes the smaller remaining
 * quantity from both (the smaller order expires, both when equal). (NONE trades: never asked.)
 */
export function preventSelfTrade(
  mode: Exclude<StpMode, 'NONE'>,
  takerRemaining: Dec,
  makerRemaining: Dec,
): Prevention {
  const none = new Dec(0);
  switch (mode) {
    case 'EXPIRE_TAKER':
      return { taker: takerRemaining, maker: none };
    case 'EXPIRE_MAKER':
      return { taker: none, maker: makerRemaining };
    case 'EXPIRE_BOTH':
      return { taker: takerRemaining, maker: makerRemaining };
    case 'DECREMENT': {
      const both = Dec.min(takerRemaining, makerRemaining);
      return { taker: both, maker: both };
    }
  }
}
