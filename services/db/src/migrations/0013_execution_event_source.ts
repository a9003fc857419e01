import { sql, type Kysely } from 'kysely';

// Order events now carry the strategy's `source` (they go out on orders.event.<source>.<intentId>).
// Stored history from before gets its order's source, so the order history API keeps parsing it;
// an event without an order row (an invalid intent) gets `invalid-source`, as execution names it now.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update execution.order_events e
    set payload = e.payload || jsonb_build_object('source', coalesce(
      (select o.source from execution.orders o where o.intent_id = e.intent_id), 'invalid-source'))
    where not e.payload ? 'source'`.execute(db);
}

// The field is harmless to older readers (zod objects strip unknown keys): nothing to undo.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(_db: Kysely<any>): Promise<void> {}
