import type { Generated, Selectable } from 'kysely';

/**
 * `arming.reconcile_gate`: one row per venue, written by the reconciler, read by arming. Arming live is
 * refused (`RECONCILE_PENDING`) while any row has `in_progress` or `unresolved > 0`.
 */
export interface ReconcileGateTable {
  venue: string;
  in_progress: Generated<boolean>;
  unresolved: Generated<number>;
  last_run_id: string | null;
  updated_at: Generated<Date>;
}

export type ReconcileGateRow = Selectable<ReconcileGateTable>;
