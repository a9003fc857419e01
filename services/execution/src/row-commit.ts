import type { IntentKey } from '@livegate/contracts';
import {
  eventStamp,
  insertOrderEvent,
  orderEventFromRow,
  type AuditRow,
  type ExecutionOrderRow,
  type ExecutionOrderUpdate,
  type OrderEventSpec,
} from '@livegate/db';
import type { Db, Trx } from './db.js';
import { updateLeased } from './orders.repository.js';
import type { Publisher } from './publisher.js';

/** Columns that hand a row back: no instance works it until a message arrives for it again. */
export const RELEASE = Object.freeze({ lease_holder: null, lease_expires_at: null });

export interface Change {
  readonly patch: ExecutionOrderUpdate;
  /** The event this state change publishes (stored in execution.order_events too). */
  readonly event?: OrderEventSpec;
  /** More writes in the same transaction, given the updated row. */
  readonly alongside?: (trx: Trx, row: ExecutionOrderRow) => Promise<void>;
  readonly audit?: (trx: Trx, row: ExecutionOrderRow) => Promise<AuditRow>;
}

export interface CommitDeps {
  readonly db: Db;
  readonly publisher: Publisher;
  readonly instanceId: string;
  readonly now: () => number;
}

/** The row was taken over by another instance or settled meanwhile (kill switch): nothing was written. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(readonly key: IntentKey) {
    super(
      `the lease on intent ${key.intentId} was lost (source ${key.source}; taken over or settled by someone else); nothing was written`,
    );
  }
}

/**
 * Commits a change to a row this instance leases and whose outcome is still open, then publishes its
 * event and audit row. Throws
 * {@link LeaseLostError} when the lease was lost or the row settled meanwhile.
 */
export async function commitLeased(
  deps: CommitDeps,
  key: IntentKey,
  change: Change,
): Promise<ExecutionOrderRow> {
  const done = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const row = await updateLeased(trx, {
      key,
      instanceId: deps.instanceId,
      now,
      patch: change.patch,
    });
    if (row === undefined) throw new LeaseLostError(key);
    const events =
      change.event === undefined ? [] : [orderEventFromRow(row, change.event, eventStamp(now))];
    for (const event of events) await insertOrderEvent(trx, event);
    await change.alongside?.(trx, row);
    const audits = change.audit === undefined ? [] : [await change.audit(trx, row)];
    return { row, events, audits };
  });
  await deps.publisher.announce(done);
  return done.row;
}
