import { randomUUID } from 'node:crypto';
import type { OrderEvent, OrderFill, OrderState, RejectCode } from '@livegate/contracts';
import type { ExecutionOrderRow } from './orders.table.js';

/** Which event a row change publishes; the row supplies every other field. */
export type OrderEventSpec =
  | { readonly type: 'order.accepted' }
  | { readonly type: 'order.submitted' }
  | { readonly type: 'order.updated' }
  | { readonly type: 'order.canceled' }
  | { readonly type: 'order.unknown'; readonly message: string }
  | {
      readonly type: 'order.rejected';
      readonly code: RejectCode;
      readonly message: string;
      readonly details?: Record<string, unknown>;
    };

export const EXCHANGE_REJECTED_MESSAGE = 'The exchange reports the order as REJECTED.';

/**
 * The event of a row that moves to `state` because the venue reports it so (a stream report or a
 * reconcile lookup): REJECTED and CANCELED have their own events; the first report of a placement
 * still unresolved here (SUBMITTING / UNKNOWN, no exchange order id yet) is `order.submitted`; any
 * other change is `order.updated`.
 */
export function venueChangeSpec(
  before: Pick<ExecutionOrderRow, 'state' | 'exchange_order_id'>,
  state: OrderState,
  rejectMessage: string = EXCHANGE_REJECTED_MESSAGE,
): OrderEventSpec {
  if (state === 'REJECTED') {
    return { type: 'order.rejected', code: 'EXCHANGE_REJECTED', message: rejectMessage };
  }
  if (state === 'CANCELED') return { type: 'order.canceled' };
  const unresolved = before.state === 'SUBMITTING' || before.state === 'UNKNOWN';
  if (unresolved && before.exchange_order_id === null) return { type: 'order.submitted' };
  return { type: 'order.updated' };
}

/** The id and time an event is published under. */
export interface EventStamp {
  readonly eventId: string;
  readonly at: string;
}

/** A fresh event id and `now` as an ISO time. */
export function eventStamp(now: number): EventStamp {
  return { eventId: randomUUID(), at: new Date(now).toISOString() };
}

/** The columns of an `execution.orders` row an event is built from. */
export type OrderEventRow = Pick<
  ExecutionOrderRow,
  | 'intent_id'
  | 'source'
  | 'client_order_id'
  | 'mode'
  | 'venue'
  | 'state'
  | 'exchange_order_id'
  | 'last_exchange_status'
  | 'executed_qty'
  | 'cummulative_quote_qty'
  | 'avg_price'
>;

function exchangeFields(row: OrderEventRow) {
  return {
    ...(row.exchange_order_id !== null && { exchangeOrderId: row.exchange_order_id }),
    ...(row.last_exchange_status !== null && { exchangeStatus: row.last_exchange_status }),
    executedQty: row.executed_qty,
    cummulativeQuoteQty: row.cummulative_quote_qty,
    ...(row.avg_price !== null && { avgPrice: row.avg_price }),
  };
}

/**
 * The contracts event for an order row that has just changed (or is being republished). Exchange
 * fields the row does not have are left out; `fills` (trades stored by this change) ride on
 * `order.updated` only, and only when there are some.
 */
export function orderEventFromRow(
  row: OrderEventRow,
  spec: OrderEventSpec,
  stamp: EventStamp,
  fills: readonly OrderFill[] = [],
): OrderEvent {
  const common = {
    eventId: stamp.eventId,
    intentId: row.intent_id,
    source: row.source,
    clientOrderId: row.client_order_id,
    mode: row.mode,
    venue: row.venue,
    at: stamp.at,
  };
  switch (spec.type) {
    case 'order.accepted':
      return { type: spec.type, ...common, state: row.state };
    case 'order.unknown':
      return { type: spec.type, ...common, state: 'UNKNOWN', message: spec.message };
    case 'order.rejected':
      return {
        type: spec.type,
        ...common,
        state: row.state === 'NOT_PLACED' ? 'NOT_PLACED' : 'REJECTED',
        code: spec.code,
        message: spec.message,
        ...(spec.details !== undefined && { details: spec.details }),
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
