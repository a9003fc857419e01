import { bookLevels } from '../book.js';
import { fmt8, ZERO } from '../decimal.js';
import type { TradeEvent } from '../events.js';
import type { SimState } from '../state.js';

/** The market streams the simulator serves, per listed symbol (lower-case, as Binance names them). */
export const MARKET_STREAM_KINDS = ['trade', 'bookTicker'] as const;

/** The listed symbol of a stream name like `btcusdt@trade`, or undefined for an unknown stream. */
export function streamSymbol(state: SimState, name: string): string | undefined {
  const parts = name.split('@');
  if (parts.length !== 2) return undefined;
  const [lower, kind] = parts as [string, string];
  if (!(MARKET_STREAM_KINDS as readonly string[]).includes(kind)) return undefined;
  const symbol = lower.toUpperCase();
  return lower === symbol.toLowerCase() && state.specs.has(symbol) ? symbol : undefined;
}

/** `<symbol>@trade`: one trade print. */
export function tradePayload(event: TradeEvent, now: number) {
  return {
    e: 'trade',
    E: now,
    s: event.symbol,
    t: event.tradeId,
    p: fmt8(event.price),
    q: fmt8(event.qty),
    T: event.time,
    m: event.buyerIsMaker,
    M: true,
  };
}

/**
 * `<symbol>@bookTicker`: best bid and ask (price, quantity) of the book — resting orders and
 * synthetic depth together; `u` increases with every change of either. A side with nothing on it
 * shows zeros.
 */
export function createBookTickers(state: SimState) {
  const last = new Map<string, { key: string; u: number }>();
  const top = (symbol: string) => {
    const [bid] = bookLevels(state, symbol, 'BUY', 1);
    const [ask] = bookLevels(state, symbol, 'SELL', 1);
    return {
      s: symbol,
      b: fmt8(bid?.price ?? ZERO),
      B: fmt8(bid?.qty ?? ZERO),
      a: fmt8(ask?.price ?? ZERO),
      A: fmt8(ask?.qty ?? ZERO),
    };
  };
  return {
    /** The last top of the book sent for this symbol (after `changed` was called once). */
    current(symbol: string) {
      const before = last.get(symbol) as { key: string; u: number };
      return { u: before.u, ...top(symbol) };
    },
    /** The new top of the book if it changed since the last call for this symbol. */
    changed(symbol: string) {
      const now = top(symbol);
      const key = `${now.b}/${now.B}/${now.a}/${now.A}`;
      const before = last.get(symbol);
      if (before?.key === key) return undefined;
      const u = (before?.u ?? 0) + 1;
      last.set(symbol, { key, u });
      return { u, ...now };
    },
  };
}

export type BookTickers = ReturnType<typeof createBookTickers>;
