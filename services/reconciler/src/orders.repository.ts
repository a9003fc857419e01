import { intentKeyString, OPEN_ORDER_STATES } from '@livegate/contracts';
import type { ExecutionOrderRow, ExecutionOrderUpdate } from '@livegate/db';
import { sql } from 'kysely';
import type { Queryable, Trx } from './db.js';

/** The venue's rows that are not final, oldest first. */
export function loadOpenRows(db: Queryable, venue: string): Promise<ExecutionOrderRow[]> {
  return db
    .selectFrom('execution.orders')
    .selectAll()
    .where('venue', '=', venue)
    .where('state', 'in', OPEN_ORDER_STATES)
    .orderBy('inserted_at')
    .orderBy('source')
    .orderBy('intent_id')
    .execute();
}

/**
 * Quantity of the stored fills of each open row of the venue, by `intentKeyString` of the row (rows
 * without fills are absent).
 */
export async function storedFillQty(db: Queryable, venue: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('execution.fills as f')
    .innerJoin('execution.orders as o', (join) =>
      join.onRef('o.source', '=', 'f.source').onRef('o.intent_id', '=', 'f.intent_id'),
    )
    .select(['f.source', 'f.intent_id', sql<string>`sum(f.qty)::text`.as('qty')])
    .where('o.venue', '=', venue)
    .where('o.state', 'in', OPEN_ORDER_STATES)
    .groupBy(['f.source', 'f.intent_id'])
    .execute();
  return new Map(
    rows.map((r) => [intentKeyString({ source: r.source, intentId: r.intent_id }), r.qty]),
  );
}

/**
 * Writes `patch` only if the row is still as it was read (same state and `updated_at`) and no
 * execution instance holds a live lease on it; undefined when someone else changed it first.
 */
export function updateIfUnchanged(
  trx: Trx,
  { row, patch, now }: { row: ExecutionOrderRow; patch: ExecutionOrderUpdate; now: number },
): Promise<ExecutionOrderRow | undefined> {
  const at = new Date(now);
  return trx
    .updateTable('execution.orders')
    .set({ ...patch, updated_at: at })
    .where('source', '=', row.source)
    .where('intent_id', '=', row.intent_id)
    .where('state', '=', row.state)
    .where(sql<Date>`date_trunc('milliseconds', updated_at)`, '=', row.updated_at)
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', at)]))
    .returningAll()
    .executeTakeFirst();
}
