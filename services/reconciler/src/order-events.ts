import { randomUUID } from 'node:crypto';
import type { OrderEvent, OrderFill, RejectCode } from '@livegate/contracts';
import type { ExecutionOrderRow } from '@livegate/db';

/** Which event a row change publishes; the updated row supplies every other field. */
export type EventSpec =
  | { readonly type: 'order.submitted' }
  | { readonly type: 'order.updated' }
  | { readonly type: 'order.canceled' }
  | { readonly type: 'order.unknown'; readonly message: string }
  | { readonly type: 'order.rejected'; readonly code: RejectCode; readonly message: string };

function exchangeFields(row: ExecutionOrderRow) {
  return {
    ...(row.exchange_order_id !== null && { exchangeOrderId: row.exchange_order_id }),
    ...(row.last_exchange_status !== null && { exchangeStatus: row.last_exchange_status }),
    executedQty: row.executed_qty,
    cummulativeQuoteQty: row.cummulative_quote_qty,
    ...(row.avg_price !== null && { avgPrice: row.avg_price }),
  };
}

/**
 * The contracts event for a row the reconciler has just changed. `fills` (trades stored by this
 * change) ride on `order.updated` only; the other types have no such field.
 */
export function eventFromRow(
  row: ExecutionOrderRow,
  spec: EventSpec,
  at: number,
  fills: readonly OrderFill[] = [],
): OrderEvent {
  const common = {
    eventId: randomUUID(),
    intentId: row.intent_id,
    clientOrderId: row.client_order_id,
    mode: row.mode,
    venue: row.venue,
    at: new Date(at).toISOString(),
  };
  switch (spec.type) {
    case 'order.unknown':
      return { type: spec.type, ...common, state: 'UNKNOWN', message: spec.message };
    case 'order.rejected':
      return {
        type: spec.type,
        ...common,
        state: row.state === 'NOT_PLACED' ? 'NOT_PLACED' : 'REJECTED',
        code: spec.code,
        message: spec.message,
        ...exchangeFields(row),
      };
    case 'order.updated':
      return {
        type: spec.type,
        ...common,
        state: row.state,
        ...exchangeFields(row),
        ...(fills.length > 0 && { fills: [...fills] }),
      };
    case 'order.submitted':
    case 'order.canceled':
      return { type: spec.type, ...common, state: row.state, ...exchangeFields(row) };
  }
}
