import type { OrderEvent } from '@livegate/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.js';

/**
 * Keeps a published order event in the intent's history (`execution.order_events`, the whole event in
 * `payload`). Pass the transaction that makes the change the event announces.
 */
export async function insertOrderEvent(
  dbOrTrx: Kysely<Database> | Transaction<Database>,
  event: OrderEvent,
): Promise<void> {
  await dbOrTrx
    .insertInto('execution.order_events')
    .values({
      intent_id: event.intentId,
      type: event.type,
      state: event.state,
      payload: JSON.stringify(event),
      at: new Date(event.at),
    })
    .execute();
}
