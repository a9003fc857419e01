import type { OrderEvent, OrderRow } from '@livegate/contracts';
import { formatOrderSize } from './quantity.js';

/** One line of the orders table. Values are display strings; `undefined` means not known (yet). */
export interface OrderView {
  readonly intentId: string;
  /** The strategy: with the intentId the order's key (two strategies may use one intentId). */
  readonly source: string | undefined;
  readonly mode: string | undefined;
  readonly symbol: string | undefined;
  readonly side: string | undefined;
  /** The order's size: a base quantity, or a quote amount marked `(quote)` (see `formatOrderSize`). */
  readonly qty: string | undefined;
  readonly price: string | undefined;
  readonly state: string | undefined;
  readonly exchangeStatus: string | undefined;
  readonly filled: string | undefined;
  readonly updatedAt: string | undefined;
  /** Why a refused order was refused: the reject code (`NOT_ARMED`, `HALTED`, `PRICE_FILTER`, …). */
  readonly reason?: string | undefined;
}

/** The first of `keys` whose value is a non-empty string or a number, as text. */
export function text(row: OrderRow, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = row[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  }
  return undefined;
}

/**
 * Reads a row of `execution.orders` as the gateway returns it (camelCase columns). Column names are
 * the execution service's; the alternatives cover the names it may choose.
 */
export function toOrderView(row: OrderRow): OrderView {
  return {
    intentId: row.intentId,
    source: text(row, 'source'),
    mode: text(row, 'mode'),
    symbol: text(row, 'symbol'),
    side: text(row, 'side'),
    qty: formatOrderSize({
      quantity: text(row, 'quantity', 'qty', 'origQty'),
      quoteOrderQty: text(row, 'quoteOrderQty'),
      symbol: text(row, 'symbol'),
    }),
    price: text(row, 'price'),
    state: text(row, 'state'),
    exchangeStatus: text(row, 'lastExchangeStatus', 'exchangeStatus'),
    filled: text(row, 'executedQty', 'filledQty', 'filled'),
    updatedAt: text(row, 'updatedAt', 'insertedAt', 'createdAt'),
    reason: text(row, 'rejectCode'),
  };
}

/** The row after an order event: state and exchange facts move on; what the event does not say stays. */
export function applyOrderEvent(view: OrderView | undefined, event: OrderEvent): OrderView {
  const exchangeStatus = 'exchangeStatus' in event ? event.exchangeStatus : undefined;
  const executedQty = 'executedQty' in event ? event.executedQty : undefined;
  return {
    intentId: event.intentId,
    source: event.source,
    mode: event.mode,
    symbol: view?.symbol,
    side: view?.side,
    qty: view?.qty,
    price: view?.price,
    state: event.state,
    exchangeStatus: exchangeStatus ?? view?.exchangeStatus,
    filled: executedQty ?? view?.filled,
    updatedAt: event.at,
    reason: event.type === 'order.rejected' ? event.code : view?.reason,
  };
}

/** The order's key as one string (`<source>:<intentId>`), for lists and links. */
export const orderKeyOf = (o: { intentId: string; source?: string | undefined }): string =>
  `${o.source ?? ''}:${o.intentId}`;

/** The order page of an order: `/orders/<intentId>?source=<source>`. */
export const orderHref = (o: { intentId: string; source?: string | undefined }): string =>
  `/orders/${encodeURIComponent(o.intentId)}${o.source === undefined ? '' : `?source=${encodeURIComponent(o.source)}`}`;

export interface OrderFilter {
  readonly state?: string | undefined;
  readonly mode?: string | undefined;
}

export function matchesFilter(view: OrderView, filter: OrderFilter): boolean {
  return (
    (filter.state === undefined || view.state === filter.state) &&
    (filter.mode === undefined || view.mode === filter.mode)
  );
}
