import type { Queryable } from './db.js';

/** True while any venue's reconcile runs or has left unresolved orders (arming is refused then). */
export async function isReconcileBlocked(db: Queryable): Promise<boolean> {
  const row = await db
    .selectFrom('arming.reconcile_gate')
    .select('venue')
    .where((eb) => eb.or([eb('in_progress', '=', true), eb('unresolved', '>', 0)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
