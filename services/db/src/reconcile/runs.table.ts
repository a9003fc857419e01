import type { ColumnType, Selectable } from 'kysely';

/**
 * `reconcile.runs`: one row per finished reconcile run of one venue, written by the reconciler.
 * `report` is the published contracts `ReconcileCompleted` (plus reconciler-only extras).
 */
export interface ReconcileRunsTable {
  id: string;
  trigger: string;
  venue: string;
  started_at: Date;
  finished_at: Date;
  duration_ms: number;
  report: ColumnType<unknown, string, string>;
}

export type ReconcileRunRow = Selectable<ReconcileRunsTable>;

/**
 * `reconcile.external_orders`: open orders on a venue whose client order id is not ours, unique per
 * (venue, symbol, exchange_order_id). `status` is the venue status last seen; `action` says what the
 * reconciler did: `report` (listed only) or `cancelled` (EXTERNAL_ORDERS=cancel).
 */
export interface ReconcileExternalOrdersTable {
  venue: string;
  symbol: string;
  exchange_order_id: string;
  client_order_id: string;
  first_seen_at: Date;
  last_seen_at: Date;
  status: string;
  action: 'report' | 'cancelled';
}

export type ReconcileExternalOrderRow = Selectable<ReconcileExternalOrdersTable>;
