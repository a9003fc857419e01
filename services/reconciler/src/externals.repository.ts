import type { VenueOrder } from '@livegate/binance';
import type { Queryable } from './db.js';

/** Lists an external open order (first sighting) or refreshes it (last seen, status). */
export async function recordExternal(
  db: Queryable,
  venue: string,
  order: VenueOrder,
  now: number,
): Promise<void> {
  const at = new Date(now);
  await db
    .insertInto('reconcile.external_orders')
    .values({
      venue,
      symbol: order.symbol,
      exchange_order_id: order.orderId,
      client_order_id: order.clientOrderId,
      first_seen_at: at,
      last_seen_at: at,
      status: order.status,
      action: 'report',
    })
    .onConflict((oc) =>
      oc.columns(['venue', 'symbol', 'exchange_order_id']).doUpdateSet((eb) => ({
        last_seen_at: eb.ref('excluded.last_seen_at'),
        status: eb.ref('excluded.status'),
      })),
    )
    .execute();
}

/** The reconciler cancelled the external order (EXTERNAL_ORDERS=cancel). */
export async function markCancelled(
  db: Queryable,
  venue: string,
  order: Pick<VenueOrder, 'symbol' | 'orderId' | 'status'>,
  now: number,
): Promise<void> {
  await db
    .updateTable('reconcile.external_orders')
    .set({ action: 'cancelled', status: order.status, last_seen_at: new Date(now) })
    .where('venue', '=', venue)
    .where('symbol', '=', order.symbol)
    .where('exchange_order_id', '=', order.orderId)
    .execute();
}
