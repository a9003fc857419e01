import { Dec } from './decimal.js';
import { isOpen, remainingOf, type Side, type SimOrder } from './orders-store.js';
import type { SimState } from './state.js';

/** One thing a taker can trade against: a resting order, or synthetic liquidity at a price. */
export type BookEntry =
  | { readonly kind: 'order'; readonly price: Dec; readonly order: SimOrder }
  | { readonly kind: 'synthetic'; readonly price: Dec; readonly qty: Dec };

const opposite = (side: Side): Side => (side === 'BUY' ? 'SELL' : 'BUY');

/** Whether `price` is at least as good as `limit` for a taker on `side` (no limit: any price). */
export function acceptable(side: Side, price: Dec, limit: Dec | undefined): boolean {
  if (limit === undefined) return true;
  return side === 'BUY' ? price.lte(limit) : price.gte(limit);
}

/** Synthetic levels of one book side around the last price (bids above zero only). */
function syntheticSide(state: SimState, symbol: string, side: Side): BookEntry[] {
  const last = state.prices.get(symbol);
  return state.depth
    .levels(symbol)
    .map((l) => ({
      kind: 'synthetic' as const,
      price: side === 'SELL' ? last.plus(l.offset) : last.minus(l.offset),
      qty: l.qty,
    }))
    .filter((e) => e.price.gt(0) && e.qty.gt(0));
}

/**
 * One side of the book (`side` = the resting orders' side) narrowed to the prices `keep` accepts:
 * the open orders of every account and the synthetic levels, best price first; at one price
 * synthetic liquidity first, then orders oldest first.
 */
export function bookSide(
  state: SimState,
  symbol: string,
  side: Side,
  keep: (price: Dec) => boolean = () => true,
): BookEntry[] {
  const orders: BookEntry[] = state.orders
    .list({ symbol })
    .filter((o) => o.side === side && isOpen(o) && keep(o.price) && remainingOf(o).gt(0))
    .map((order) => ({ kind: 'order', price: order.price, order }));
  const better = (a: BookEntry, b: BookEntry) =>
    side === 'SELL' ? a.price.comparedTo(b.price) : b.price.comparedTo(a.price);
  // synthetic levels have distinct prices; at a price they come first, then orders oldest first
  const seq = (e: BookEntry) => (e.kind === 'order' ? e.order.orderId : 0);
  const synthetic = syntheticSide(state, symbol, side).filter((e) => keep(e.price));
  return [...synthetic, ...orders].sort((a, b) => better(a, b) || seq(a) - seq(b));
}

/** What a taker on `side` with `limit` can trade against, best first. */
export function takerLiquidity(
  state: SimState,
  symbol: string,
  side: Side,
  limit: Dec | undefined,
): BookEntry[] {
  return bookSide(state, symbol, opposite(side), (price) => acceptable(side, price, limit));
}

/** One price of the book and the quantity there (orders and synthetic liquidity together). */
export interface BookLevel {
  readonly price: Dec;
  readonly qty: Dec;
}

/**
 * `side` of the book as price levels, best first, at most `limit` of them. An iceberg order
 * shows its `icebergQty` only (the rest is hidden, as on Binance).
 */
export function bookLevels(
  state: SimState,
  symbol: string,
  side: Side,
  limit: number,
): BookLevel[] {
  const levels: { price: Dec; qty: Dec }[] = [];
  for (const entry of bookSide(state, symbol, side)) {
    const qty =
      entry.kind === 'synthetic'
        ? entry.qty
        : Dec.min(remainingOf(entry.order), entry.order.icebergQty ?? remainingOf(entry.order));
    const same = levels.at(-1);
    if (same?.price.eq(entry.price) === true) same.qty = same.qty.plus(qty);
    else if (levels.length < limit) levels.push({ price: entry.price, qty });
    else break;
  }
  return levels;
}
