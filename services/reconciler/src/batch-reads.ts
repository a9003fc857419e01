import type { VenueOrder, VenueTrade } from '@livegate/binance';
import { Decimal } from 'decimal.js';
import type { Pacer } from './paced-call.js';
import type { ReconcileVenue } from './venue.js';

/** The venue's maximum page of allOrders and myTrades. */
export const PAGE = 1000;
const DAY_MS = 86_400_000;

/**
 * The orders of one symbol with the given ids, read with allOrders from the smallest id on (weight
 * 20 per 1,000 orders) instead of one GET order (weight 4) each. Ids the pages do not show (archived,
 * not visible yet) are absent, and a refused read gives undefined: the caller looks those orders up
 * one by one (and reports a refusal per row, as before).
 */
export async function fetchOrdersById(
  pacer: Pacer,
  venue: ReconcileVenue,
  symbol: string,
  ids: readonly string[],
  pageSize = PAGE,
): Promise<Map<string, VenueOrder> | undefined> {
  const wanted = new Set(ids);
  const found = new Map<string, VenueOrder>();
  let from = ids.reduce((min, id) => (BigInt(id) < min ? BigInt(id) : min), BigInt(ids[0] ?? 0));
  const last = ids.reduce((max, id) => (BigInt(id) > max ? BigInt(id) : max), from);
  for (;;) {
    const label = `allOrders ${symbol}`;
    const r = await pacer.call(label, () =>
      venue.allOrders({ symbol, orderId: from.toString(), limit: pageSize }),
    );
    if (r.kind === 'rejected') return undefined;
    for (const order of r.value) if (wanted.has(order.orderId)) found.set(order.orderId, order);
    // A short page is the venue's last; a full one is read on from its last id.
    const tail = r.value.length < pageSize ? undefined : r.value.at(-1);
    if (tail === undefined || BigInt(tail.orderId) >= last) return found;
    from = BigInt(tail.orderId) + 1n;
  }
}

export interface TradesWanted {
  /** Order id → the quantity its trades must add up to. */
  readonly executed: ReadonlyMap<string, string>;
  /** No trade of these orders is older (epoch ms): when the first of them was sent, less a margin. */
  readonly since: number;
}

/**
 * The trades of many orders of one symbol, by symbol (weight 20 per 1,000 trades) instead of by
 * order: the first page from `since` (a 24 h window, as the venue allows), the next ones from the
 * last trade id, until every wanted order's trades add up or the venue has no more. An order whose
 * trades do not add up here is left out (all of them when the venue refuses the read): the caller
 * reads its trades by order.
 */
export async function fetchTradesOfOrders(
  pacer: Pacer,
  venue: ReconcileVenue,
  symbol: string,
  wanted: TradesWanted,
  pageSize = PAGE,
): Promise<Map<string, VenueTrade[]>> {
  const byOrder = new Map<string, VenueTrade[]>();
  const sums = new Map<string, Decimal>();
  let open = wanted.executed.size;
  let fromId: string | undefined;
  const label = `myTrades ${symbol}`;
  while (open > 0) {
    const query =
      fromId === undefined
        ? { symbol, startTime: wanted.since, endTime: wanted.since + DAY_MS - 1, limit: pageSize }
        : { symbol, fromId, limit: pageSize };
    const r = await pacer.call(label, () => venue.myTrades(query));
    if (r.kind === 'rejected') return new Map();
    for (const trade of r.value) {
      const target = wanted.executed.get(trade.orderId);
      if (target === undefined) continue;
      const list = byOrder.get(trade.orderId) ?? [];
      list.push(trade);
      byOrder.set(trade.orderId, list);
      const before = sums.get(trade.orderId) ?? new Decimal(0);
      const after = before.plus(trade.qty);
      sums.set(trade.orderId, after);
      if (before.lt(target) && after.gte(target)) open -= 1;
    }
    const tail = r.value.length < pageSize ? undefined : r.value.at(-1);
    if (tail === undefined) break;
    fromId = (BigInt(tail.id) + 1n).toString();
  }
  for (const [orderId, target] of wanted.executed) {
    if ((sums.get(orderId) ?? new Decimal(0)).lt(target)) byOrder.delete(orderId);
  }
  return byOrder;
}
