import type { Queryable } from './db.js';

/**
 * True while the live venue's reconcile runs or has left unresolved orders (arming LIVE is refused
 * then). The paper venue's runs do not block arming: paper orders in flight say nothing about the
 * live account, and would refuse arming whenever paper trades.
 */
export async function isReconcileBlocked(db: Queryable): Promise<boolean> {
  const row = await db
    .selectFrom('arming.reconcile_gate')
    .select('venue')
    .where('venue', '=', 'live')
    .where((eb) => eb.or([eb('in_progress', '=', true), eb('unresolved', '>', 0)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
