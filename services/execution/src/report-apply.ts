import {
  advancedState,
  movesForward,
  venueOrderToRow,
  type VenueOrder,
  type VenueTrade,
} from '@livegate/binance';
import type { OrderEvent, OrderState } from '@livegate/contracts';
import {
  eventStamp,
  insertFills,
  insertOrderEvent,
  orderEventFromRow,
  venueChangeSpec,
  type ExecutionOrderRow,
} from '@livegate/db';
import { sql } from 'kysely';
import type { Db, Trx } from './db.js';
import type { Publisher } from './publisher.js';

/** What applying one venue report (stream event or resync lookup) did. */
export type Applied =
  /** No row of ours has this client order id on this venue (an external order). */
  | { readonly kind: 'not-ours' }
  /** An instance is placing the order right now: its answer settles the row first; try again later. */
  | { readonly kind: 'leased' }
  /** Nothing new: a repeated or stale report. */
  | { readonly kind: 'unchanged'; readonly row: ExecutionOrderRow; readonly filledQty: string }
  | {
      readonly kind: 'changed';
      readonly row: ExecutionOrderRow;
      readonly from: OrderState;
      readonly fillsAdded: number;
      /** Quantity of the order's stored fills: below `row.executed_qty`, trades were missed. */
      readonly filledQty: string;
    };

export interface ApplyDeps {
  readonly db: Db;
  readonly publisher: Publisher;
  readonly now: () => number;
}

/** The row of the venue's client order id, locked until the transaction ends, and whether it is leased now. */
async function lockRow(trx: Trx, venue: string, clientOrderId: string) {
  return trx
    .selectFrom('execution.orders')
    .selectAll()
    .select(sql<boolean>`lease_holder is not null and lease_expires_at > now()`.as('leased_now'))
    .where('venue', '=', venue)
    .where('client_order_id', '=', clientOrderId)
    .forUpdate()
    .executeTakeFirst();
}

async function storedFillQty(trx: Trx, row: ExecutionOrderRow): Promise<string> {
  const { qty } = await trx
    .selectFrom('execution.fills')
    .select(sql<string>`coalesce(sum(qty), 0)::text`.as('qty'))
    .where('source', '=', row.source)
    .where('intent_id', '=', row.intent_id)
    .executeTakeFirstOrThrow();
  return qty;
}

/**
 * Applies what the venue reports of one order — its state now and trades — to the row with that
 * client order id, in one transaction that locks the row: trades are stored once (venue, symbol,
 * trade id), the row moves only forward (binance `movesForward`), and the change's order event is
 * stored and then published. Any number of writers may apply the same report at once: one changes
 * the row, the others find nothing new.
 */
export async function applyVenueOrder(
  deps: ApplyDeps,
  venue: string,
  order: VenueOrder,
  trades: readonly VenueTrade[],
): Promise<Applied> {
  const done = await deps.db.transaction().execute(async (trx) => {
    const none = (applied: Applied) => ({ applied, events: [] as OrderEvent[] });
    const locked = await lockRow(trx, venue, order.clientOrderId);
    if (locked === undefined) return none({ kind: 'not-ours' });
    const { leased_now: leased, ...row } = locked;
    if (leased) return none({ kind: 'leased' });
    const fills = await insertFills(trx, row, trades);
    const fields = venueOrderToRow(order);
    const moved = movesForward(
      { state: row.state, executedQty: row.executed_qty },
      { state: fields.state, executedQty: fields.executed_qty },
    );
    const filledQty = await storedFillQty(trx, row);
    if (!moved && fills.length === 0) return none({ kind: 'unchanged', row, filledQty });
    const at = deps.now();
    const state = advancedState(row.state, fields.state);
    const updated = moved
      ? await trx
          .updateTable('execution.orders')
          .set({ ...fields, state, not_found_count: 0, updated_at: new Date(at) })
          .where('source', '=', row.source)
          .where('intent_id', '=', row.intent_id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : row;
    const spec = moved
      ? venueChangeSpec(row, state, fields.reject_message)
      : { type: 'order.updated' as const };
    const event = orderEventFromRow(updated, spec, eventStamp(at), fills);
    await insertOrderEvent(trx, event);
    const applied: Applied = {
      kind: 'changed',
      row: updated,
      from: row.state,
      fillsAdded: fills.length,
      filledQty,
    };
    return { applied, events: [event] };
  });
  if (done.events.length > 0) await deps.publisher.announce({ events: done.events, audits: [] });
  return done.applied;
}
