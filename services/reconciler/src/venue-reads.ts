import { isOurClientOrderId, type VenueOrder, type VenueTrade } from '@livegate/binance';
import type { Pacer } from './paced-call.js';
import { RunAborted, type RunError } from './run-error.js';
import type { ReconcileVenue } from './venue.js';

/** Open orders without a symbol cost weight 80, with one 6: past 13 symbols one call is cheaper. */
export const ALL_SYMBOLS_FROM = 14;

export interface OpenOrders {
  /** Our open orders by client order id. */
  readonly ours: ReadonlyMap<string, VenueOrder>;
  /** Open orders whose client order id is not ours. */
  readonly external: readonly VenueOrder[];
}

/** Open orders of every symbol (`'all'`) or of the given ones, split into ours and external. */
export async function fetchOpenOrders(
  pacer: Pacer,
  venue: ReconcileVenue,
  scope: 'all' | readonly string[],
): Promise<OpenOrders> {
  const all = scope === 'all' || scope.length >= ALL_SYMBOLS_FROM;
  const calls: Array<string | undefined> = all ? [undefined] : [...scope];
  const orders: VenueOrder[] = [];
  for (const symbol of calls) {
    const label = `openOrders ${symbol ?? '(all symbols)'}`;
    const r = await pacer.call(label, () => venue.openOrders(symbol));
    if (r.kind === 'rejected') {
      throw new RunAborted({
        code: 'VENUE_REJECTED',
        message: `${label}: refused by the venue (${r.code}: ${r.message}).`,
      });
    }
    orders.push(...r.value);
  }
  const ours = new Map<string, VenueOrder>();
  const external: VenueOrder[] = [];
  for (const order of orders) {
    if (isOurClientOrderId(order.clientOrderId)) ours.set(order.clientOrderId, order);
    else external.push(order);
  }
  return { ours, external };
}

/** Every trade of one order, oldest first, page by page (`symbol` + `orderId` + `fromId`, weight 5 each). */
export async function fetchOrderTrades(
  pacer: Pacer,
  venue: ReconcileVenue,
  { symbol, orderId, pageSize = 1000 }: { symbol: string; orderId: string; pageSize?: number },
): Promise<VenueTrade[] | RunError> {
  const trades: VenueTrade[] = [];
  // Without fromId the venue answers the most recent trades: start from the first one.
  let fromId = '0';
  for (;;) {
    const r = await pacer.call(`myTrades ${symbol}`, () =>
      venue.myTrades({ symbol, orderId, fromId, limit: pageSize }),
    );
    if (r.kind === 'rejected') {
      return {
        code: 'VENUE_REJECTED',
        message: `myTrades ${symbol} order ${orderId}: refused by the venue (${r.code}: ${r.message}).`,
      };
    }
    trades.push(...r.value);
    if (r.value.length < pageSize) return trades;
    fromId = (BigInt((r.value.at(-1) as VenueTrade).id) + 1n).toString();
  }
}
