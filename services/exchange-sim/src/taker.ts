import { takerLiquidity, type BookEntry } from './book.js';
import { Dec } from './decimal.js';
import type { Fill } from './fills.js';
import { isOpen, remainingOf, type SimOrder, type StpMode } from './orders-store.js';
import { preventSelfTrade } from './self-trade.js';
import type { SimState } from './state.js';

/** One self-trade the matching prevented (the taker's `preventedMatches` entry). */
export interface PreventedMatch {
  readonly preventedMatchId: number;
  readonly makerOrderId: number;
  readonly price: Dec;
  readonly takerPreventedQuantity?: Dec;
  readonly makerPreventedQuantity?: Dec;
}

export interface TakeResult {
  readonly fills: readonly Fill[];
  readonly prevented: readonly PreventedMatch[];
}

/** The engine steps a taker walk needs. */
export interface TakerSteps {
  fill(order: SimOrder, qty: Dec, price: Dec, isMaker: boolean, tradeId?: number): Fill;
  prevent(order: SimOrder, qty: Dec, preventedMatchId: number, counterOrderId: number): void;
}

export interface TakerPlanInput {
  readonly apiKey: string;
  readonly stpMode: StpMode;
  readonly qty: Dec;
  /** Most one taker order may trade (the admin liquidity cap); undefined = no cap. */
  readonly cap: Dec | undefined;
}

const isOwn = (entry: BookEntry, apiKey: string, mode: StpMode) =>
  entry.kind === 'order' && entry.order.apiKey === apiKey && mode !== 'NONE';

/**
 * What a taker could trade walking `entries` in order, and its quote cost: own orders are
 * skipped unless its STP mode is NONE (an upper bound for EXPIRE_TAKER / DECREMENT, exact
 * otherwise). Used to lock a MARKET buy's funds and to decide FOK.
 */
export function planTake(entries: readonly BookEntry[], input: TakerPlanInput) {
  let qty = new Dec(0);
  let cost = new Dec(0);
  const limit = input.cap === undefined ? input.qty : Dec.min(input.qty, input.cap);
  for (const entry of entries) {
    if (qty.gte(limit)) break;
    if (isOwn(entry, input.apiKey, input.stpMode)) continue;
    const available = entry.kind === 'order' ? remainingOf(entry.order) : entry.qty;
    const q = Dec.min(available, limit.minus(qty));
    qty = qty.plus(q);
    cost = cost.plus(q.mul(entry.price));
  }
  return { qty, cost };
}

/**
 * Walks the opposite side of the book for `taker`: synthetic liquidity and other accounts'
 * orders trade at their price (both sides of an order match share one trade id); an own order
 * meets self-trade prevention per the taker's mode. Stops when the taker is done, expired in
 * match, or the liquidity cap is used up. FOK that cannot fill whole trades nothing.
 */
export function takeLiquidity(state: SimState, steps: TakerSteps, taker: SimOrder): TakeResult {
  const limit = taker.type === 'MARKET' ? undefined : taker.price;
  const entries = takerLiquidity(state, taker.symbol, taker.side, limit);
  const cap = state.prices.depth(taker.symbol);
  const plan = planTake(entries, {
    apiKey: taker.apiKey,
    stpMode: taker.selfTradePreventionMode,
    qty: remainingOf(taker),
    cap,
  });
  const fills: Fill[] = [];
  const prevented: PreventedMatch[] = [];
  if (taker.timeInForce === 'FOK' && plan.qty.lt(remainingOf(taker))) return { fills, prevented };
  let capLeft = cap;
  for (const entry of entries) {
    const rest = remainingOf(taker);
    if (!isOpen(taker) || rest.isZero() || capLeft?.isZero() === true) break;
    const maker = entry.kind === 'order' ? entry.order : undefined;
    if (maker !== undefined && isOwn(entry, taker.apiKey, taker.selfTradePreventionMode)) {
      prevented.push(preventMatch(state, steps, taker, maker));
      continue;
    }
    const available = maker === undefined ? (entry as { qty: Dec }).qty : remainingOf(maker);
    const q = Dec.min(rest, available, capLeft ?? rest);
    const tradeId = state.orders.nextTradeId();
    if (maker !== undefined) steps.fill(maker, q, entry.price, true, tradeId);
    fills.push(steps.fill(taker, q, entry.price, false, tradeId));
    capLeft = capLeft?.minus(q);
  }
  return { fills, prevented };
}

function preventMatch(
  state: SimState,
  steps: TakerSteps,
  taker: SimOrder,
  maker: SimOrder,
): PreventedMatch {
  const p = preventSelfTrade(
    taker.selfTradePreventionMode as Exclude<StpMode, 'NONE'>,
    remainingOf(taker),
    remainingOf(maker),
  );
  const id = state.orders.nextPreventedMatchId(taker.symbol);
  if (p.maker.gt(0)) steps.prevent(maker, p.maker, id, taker.orderId);
  if (p.taker.gt(0)) steps.prevent(taker, p.taker, id, maker.orderId);
  return {
    preventedMatchId: id,
    makerOrderId: maker.orderId,
    price: maker.price,
    ...(p.taker.gt(0) ? { takerPreventedQuantity: p.taker } : {}),
    ...(p.maker.gt(0) ? { makerPreventedQuantity: p.maker } : {}),
  };
}
