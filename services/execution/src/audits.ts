import type { RejectCode } from '@livegate/contracts';
import { appendAudit, type AuditRow, type ExecutionOrderRow } from '@livegate/db';
import type { Trx } from './db.js';

export const AUDIT_ACTOR = 'execution';

/** Every live placement, written in the fenced step that decides it, before the request is signed. */
export function auditLiveSend(
  trx: Trx,
  row: ExecutionOrderRow,
  instanceId: string,
): Promise<AuditRow> {
  return appendAudit(trx, {
    kind: 'execution.live_order_sent',
    actor: AUDIT_ACTOR,
    subject: row.intent_id,
    details: {
      intentId: row.intent_id,
      clientOrderId: row.client_order_id,
      venue: row.venue,
      symbol: row.symbol,
      side: row.side,
      type: row.type,
      quantity: row.quantity,
      quoteOrderQty: row.quote_order_qty,
      price: row.price,
      timeInForce: row.time_in_force,
      sessionId: row.live_session_id,
      attempt: row.attempts,
      fenceVersion: row.fence_version,
      sentAt: (row.last_sent_at as Date).toISOString(),
      instanceId,
    },
  });
}

/** Every refusal (local or by the venue), in the transaction that stores it. */
export function auditRefusal(
  trx: Trx,
  refusal: {
    intentId: string;
    mode: string;
    venue: string;
    code: RejectCode;
    message: string;
    details?: Record<string, string>;
  },
  instanceId: string,
): Promise<AuditRow> {
  return appendAudit(trx, {
    kind: 'execution.intent_refused',
    actor: AUDIT_ACTOR,
    subject: refusal.intentId,
    details: { ...refusal, instanceId },
  });
}
