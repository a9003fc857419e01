import type { VenueOrderRowFields } from '@livegate/binance';
import { randomUUID } from 'node:crypto';
import type { IntentMode, OrderEvent, RejectCode } from '@livegate/contracts';
import type { ExecutionOrderRow } from '@livegate/db';

/** Which event a state change publishes; the row supplies every other field. */
export type EventSpec =
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

export interface EventStamp {
  readonly eventId: string;
  readonly at: string;
}

export function stamp(now: number): EventStamp {
  return { eventId: randomUUID(), at: new Date(now).toISOString() };
}

function exchangeFields(row: ExecutionOrderRow) {
  return {
    ...(row.exchange_order_id !== null && { exchangeOrderId: row.exchange_order_id }),
    ...(row.last_exchange_status !== null && { exchangeStatus: row.last_exchange_status }),
    executedQty: row.executed_qty,
    cummulativeQuoteQty: row.cummulative_quote_qty,
    ...(row.avg_price !== null && { avgPrice: row.avg_price }),
  };
}

/** The contracts event for a row that has just changed (or is being republished). */
export function eventFromRow(row: ExecutionOrderRow, spec: EventSpec, s: EventStamp): OrderEvent {
  const common = {
    eventId: s.eventId,
    intentId: row.intent_id,
    clientOrderId: row.client_order_id,
    mode: row.mode,
    venue: row.venue,
    at: s.at,
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
    case 'order.submitted':
      return { type: spec.type, ...common, state: row.state, ...exchangeFields(row) };
    case 'order.updated':
      return { type: spec.type, ...common, state: row.state, ...exchangeFields(row) };
    case 'order.canceled':
      return { type: spec.type, ...common, state: row.state, ...exchangeFields(row) };
  }
}

/** The event that tells a repeated sender where a finished (or resting) intent stands. */
export function outcomeSpecOf(row: ExecutionOrderRow): EventSpec {
  if (row.state === 'REJECTED' || row.state === 'NOT_PLACED') {
    return {
      type: 'order.rejected',
      code: (row.reject_code as RejectCode | null) ?? 'NOT_PLACED',
      message: row.reject_message ?? 'The order was not placed.',
    };
  }
  if (row.state === 'CANCELED') return { type: 'order.canceled' };
  return { type: 'order.updated' };
}

/** A refusal of a message that has (or keeps) no row of its own: invalid, or a reused key. */
export function refusalEvent(
  fields: {
    intentId: string;
    mode: IntentMode;
    clientOrderId?: string;
    venue?: string;
    code: RejectCode;
    message: string;
    details?: Record<string, unknown>;
  },
  s: EventStamp,
): OrderEvent {
  return { type: 'order.rejected', eventId: s.eventId, at: s.at, state: 'REJECTED', ...fields };
}

/** The event of a row settled from an exchange order: submitted, or rejected if the venue says REJECTED. */
export function settledSpec(fields: VenueOrderRowFields): EventSpec {
  if (fields.state !== 'REJECTED') return { type: 'order.submitted' };
  return {
    type: 'order.rejected',
    code: 'EXCHANGE_REJECTED',
    message: fields.reject_message ?? 'The exchange reports the order as REJECTED.',
  };
}
