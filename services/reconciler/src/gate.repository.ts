import type { Queryable } from './db.js';

/** `arming.reconcile_gate`: a run of `venue` has started; arming is refused until it finishes clean. */
export async function markRunning(db: Queryable, venue: string, now: number): Promise<void> {
  const at = new Date(now);
  await db
    .insertInto('arming.reconcile_gate')
    .values({ venue, in_progress: true, updated_at: at })
    .onConflict((oc) => oc.column('venue').doUpdateSet({ in_progress: true, updated_at: at }))
    .execute();
}

/**
 * The run finished: `unresolved` > 0 keeps arming refused (the rows still open plus one when the run
 * ended with errors, so a run that could not finish never opens the gate).
 */
export async function markFinished(
  db: Queryable,
  venue: string,
  { unresolved, runId, now }: { unresolved: number; runId: string; now: number },
): Promise<void> {
  const at = new Date(now);
  await db
    .insertInto('arming.reconcile_gate')
    .values({ venue, in_progress: false, unresolved, last_run_id: runId, updated_at: at })
    .onConflict((oc) =>
      oc
        .column('venue')
        .doUpdateSet({ in_progress: false, unresolved, last_run_id: runId, updated_at: at }),
    )
    .execute();
}
