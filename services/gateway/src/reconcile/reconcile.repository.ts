import {
  reconcileCompletedSchema,
  type ExternalOrder,
  type IntentMode,
  type ReconcileCompleted,
} from '@livegate/contracts';
import { sql } from 'kysely';
import type { Db } from '../auth/operators.repository.js';

/** True once the reconciler's migration has created `table` (the gateway never depends on it). */
async function tableExists(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`
    select to_regclass(${table}) is not null as present`.execute(db);
  return rows[0]?.present === true;
}

/** `reconcile.external_orders`, most recently seen first; none while the table is absent. */
export async function listExternalOrders(
  db: Db,
  { venue, limit }: { venue?: IntentMode | undefined; limit: number },
): Promise<ExternalOrder[]> {
  if (!(await tableExists(db, 'reconcile.external_orders'))) return [];
  let query = db
    .selectFrom('reconcile.external_orders')
    .selectAll()
    .orderBy('last_seen_at', 'desc')
    .orderBy('venue')
    .orderBy('symbol')
    .orderBy('exchange_order_id')
    .limit(limit);
  if (venue !== undefined) query = query.where('venue', '=', venue);
  const rows = await query.execute();
  return rows.map((row) => ({
    venue: row.venue,
    symbol: row.symbol,
    exchangeOrderId: row.exchange_order_id,
    clientOrderId: row.client_order_id,
    status: row.status,
    action: row.action,
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
  }));
}

/**
 * The report of the newest finished run of each venue (`reconcile.runs`), parsed with the contracts'
 * schema; a venue whose newest report does not parse is left out. None while the table is absent.
 */
export async function lastReports(db: Db): Promise<ReconcileCompleted[]> {
  if (!(await tableExists(db, 'reconcile.runs'))) return [];
  const { rows } = await sql<{ report: unknown }>`
    select distinct on (venue) report from reconcile.runs
    order by venue, finished_at desc, started_at desc`.execute(db);
  return rows.flatMap((row) => {
    const parsed = reconcileCompletedSchema.safeParse(row.report);
    return parsed.success ? [parsed.data] : [];
  });
}
