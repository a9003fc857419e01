import type { CancelOutcome, OrderCancel } from '@livegate/contracts';
import type { ExecutionOrderCancelRow } from '@livegate/db';
import { sql } from 'kysely';
import type { Db, Trx } from './db.js';

/** Where a cancel message stands once recorded: ended already, in work elsewhere, or now ours. */
export type CancelClaim =
  | { readonly kind: 'done'; readonly row: ExecutionOrderCancelRow }
  | { readonly kind: 'busy'; readonly holder: string | null }
  | { readonly kind: 'mine'; readonly row: ExecutionOrderCancelRow };

/**
 * Records the cancel by (`source` of its subject, `cancelId`) unless it exists — the authority that a
 * replay is the same cancel — and takes its lease unless it has ended or another instance holds a
 * lease that has not expired on the database's clock.
 */
export async function claimCancel(
  db: Db,
  {
    cancel,
    source,
    instanceId,
    leaseMs,
  }: { cancel: OrderCancel; source: string; instanceId: string; leaseMs: number },
): Promise<CancelClaim> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('execution.order_cancels')
      .values({
        source,
        cancel_id: cancel.cancelId,
        intent_id: cancel.intentId,
        requested_by: JSON.stringify(cancel.requestedBy),
        reason: cancel.reason ?? null,
      })
      .onConflict((oc) => oc.columns(['source', 'cancel_id']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('execution.order_cancels')
      .selectAll()
      .select(sql<boolean>`lease_expires_at is null or lease_expires_at <= now()`.as('free'))
      .where('source', '=', source)
      .where('cancel_id', '=', cancel.cancelId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const { free, ...stored } = row;
    if (stored.outcome !== null) return { kind: 'done', row: stored };
    if (!free && stored.lease_holder !== instanceId)
      return { kind: 'busy', holder: stored.lease_holder };
    const mine = await trx
      .updateTable('execution.order_cancels')
      .set({
        lease_holder: instanceId,
        lease_expires_at: sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`,
      })
      .where('source', '=', source)
      .where('cancel_id', '=', cancel.cancelId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { kind: 'mine', row: mine };
  });
}

/**
 * Ends the cancel once (its outcome is never overwritten) and drops the lease; the row as stored
 * after, whose outcome is what every publish of it says.
 */
export async function resolveCancel(
  trx: Trx,
  {
    source,
    cancelId,
    outcome,
    finalState,
    message,
  }: {
    source: string;
    cancelId: string;
    outcome: CancelOutcome;
    finalState: string | null;
    message: string;
  },
): Promise<ExecutionOrderCancelRow> {
  await trx
    .updateTable('execution.order_cancels')
    .set({
      outcome,
      final_state: finalState,
      message,
      resolved_at: sql<Date>`now()`,
      lease_holder: null,
      lease_expires_at: null,
    })
    .where('source', '=', source)
    .where('cancel_id', '=', cancelId)
    .where('outcome', 'is', null)
    .execute();
  return trx
    .selectFrom('execution.order_cancels')
    .selectAll()
    .where('source', '=', source)
    .where('cancel_id', '=', cancelId)
    .executeTakeFirstOrThrow();
}
