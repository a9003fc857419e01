import type { VenueOrderRowFields } from '@livegate/binance';
import type { IntentMode, OrderEvent, RejectCode } from '@livegate/contracts';
import {
  EXCHANGE_REJECTED_MESSAGE,
  type EventStamp,
  type ExecutionOrderRow,
  type OrderEventSpec,
} from '@livegate/db';

/** The event that tells a repeated sender where a finished (or resting) intent stands. */
export function outcomeSpecOf(row: ExecutionOrderRow): OrderEventSpec {
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
    source: string;
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
export function settledSpec(fields: VenueOrderRowFields): OrderEventSpec {
  if (fields.state !== 'REJECTED') return { type: 'order.submitted' };
  return {
    type: 'order.rejected',
    code: 'EXCHANGE_REJECTED',
    message: fields.reject_message ?? EXCHANGE_REJECTED_MESSAGE,
  };
}
