import { orderEventSchema, type OrderEvent } from '@livegate/contracts';
import { sql } from 'kysely';
import type { Db } from '../auth/operators.repository.js';

/** One order row, keys in camelCase; dates as ISO strings, numerics as the strings pg gives. */
export type OrderRow = Record<string, unknown>;

export interface OrderFilter {
  readonly state?: string;
  readonly mode?: string;
  /** Only this strategy's orders (an API key's own); none without a `source` column. */
  readonly source?: string;
  readonly limit: number;
  readonly offset: number;
}

const camel = (column: string) =>
  column.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** A DB row as JSON-safe values under camelCase keys. */
export function toOrderRow(row: Record<string, unknown>): OrderRow {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      camel(column),
      value instanceof Date ? value.toISOString() : value,
    ]),
  );
}

/**
 * The columns of `execution.orders`, or none while the execution migration has not run. The gateway only
 * relies on `intent_id`; `state`, `mode` and `inserted_at` (or `created_at`) are used when present.
 */
async function orderColumns(db: Db): Promise<Set<string>> {
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where to_regclass('execution.orders') is not null
      and table_schema = 'execution' and table_name = 'orders'`.execute(db);
  return new Set(rows.map((r) => r.column_name));
}

export async function listOrders(db: Db, filter: OrderFilter): Promise<OrderRow[]> {
  const columns = await orderColumns(db);
  if (!columns.has('intent_id')) return [];
  const conditions = [sql`true`];
  for (const column of ['state', 'mode', 'source'] as const) {
    const wanted = filter[column];
    if (wanted === undefined) continue;
    if (!columns.has(column)) return [];
    conditions.push(sql`${sql.ref(column)} = ${wanted}`);
  }
  const newest = ['inserted_at', 'created_at'].find((c) => columns.has(c));
  const order = newest === undefined ? sql`intent_id` : sql`${sql.ref(newest)} desc, intent_id`;
  const { rows } = await sql<Record<string, unknown>>`
    select * from execution.orders where ${sql.join(conditions, sql` and `)}
    order by ${order} limit ${filter.limit} offset ${filter.offset}`.execute(db);
  return rows.map(toOrderRow);
}

/**
 * The orders of an intentId: one per strategy that used it (the idempotency key is source and
 * intentId), ordered by source; with `source`, only that strategy's (none without the column).
 */
export async function findOrders(db: Db, intentId: string, source?: string): Promise<OrderRow[]> {
  const columns = await orderColumns(db);
  if (!columns.has('intent_id')) return [];
  if (source !== undefined && !columns.has('source')) return [];
  const ofSource = source === undefined ? sql`true` : sql`source = ${source}`;
  const order = columns.has('source') ? sql`source` : sql`intent_id`;
  const { rows } = await sql<Record<string, unknown>>`
    select * from execution.orders where intent_id = ${intentId} and ${ofSource}
    order by ${order}`.execute(db);
  return rows.map(toOrderRow);
}

/**
 * The stored order events of one strategy's intent, oldest first (`execution.order_events.payload`),
 * each parsed with the contracts' orderEventSchema; rows that do not parse are left out. None while
 * the table is absent.
 */
export async function listOrderEvents(
  db: Db,
  { source, intentId }: { source: string; intentId: string },
): Promise<OrderEvent[]> {
  const { rows: found } = await sql<{ present: boolean }>`
    select to_regclass('execution.order_events') is not null as present`.execute(db);
  if (found[0]?.present !== true) return [];
  const { rows } = await sql<{ payload: unknown }>`
    select payload from execution.order_events where source = ${source} and intent_id = ${intentId}
    order by id`.execute(db);
  return rows.flatMap((row) => {
    const parsed = orderEventSchema.safeParse(row.payload);
    return parsed.success ? [parsed.data] : [];
  });
}
