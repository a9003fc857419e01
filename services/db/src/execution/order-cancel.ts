import {
  cancelRequesterSchema,
  type CancelOutcome,
  type CancelOutcomeEvent,
  type CancelRecord,
  type OrderState,
} from '@livegate/contracts';
import type { ExecutionOrderCancelRow } from './orders.table.js';

/** The most a message may carry on the bus (contracts' humanText); a venue's own text can be longer. */
const MAX_MESSAGE = 1000;

/** The columns of an `execution.order_cancels` row a record is built from (no lease). */
export type OrderCancelRecordRow = Pick<
  ExecutionOrderCancelRow,
  | 'source'
  | 'cancel_id'
  | 'intent_id'
  | 'requested_by'
  | 'reason'
  | 'outcome'
  | 'final_state'
  | 'message'
  | 'requested_at'
  | 'resolved_at'
>;

/** A stored cancel as the contracts' `CancelRecord`: the outcome fields null while it is in work. */
export function cancelRecordFromRow(row: OrderCancelRecordRow): CancelRecord {
  return {
    cancelId: row.cancel_id,
    intentId: row.intent_id,
    source: row.source,
    requestedBy: cancelRequesterSchema.parse(row.requested_by),
    ...(row.reason !== null && { reason: row.reason }),
    requestedAt: row.requested_at.toISOString(),
    outcome: row.outcome as CancelOutcome | null,
    state: row.final_state as OrderState | null,
    message: row.message?.slice(0, MAX_MESSAGE) ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  };
}

/**
 * The `orders.cancel-outcome` event of a cancel that has ended, built from its stored row only, so
 * every publish of it (the first, after a lost one, for a replay) says the same. A cancel still in
 * work has none: asking for it is a programming error.
 */
export function cancelOutcomeEventFromRow(row: OrderCancelRecordRow): CancelOutcomeEvent {
  const record = cancelRecordFromRow(row);
  const { outcome, message, resolvedAt } = record;
  if (outcome === null || message === null || resolvedAt === null)
    throw new Error(`cancel ${row.source}:${row.cancel_id} has not ended: it has no outcome yet`);
  return { type: 'order.cancel_outcome', ...record, outcome, message, resolvedAt };
}
