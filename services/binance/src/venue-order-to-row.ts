import type { OrderState } from '@livegate/contracts';
import { Decimal } from 'decimal.js';
import type { VenueOrder, VenueOrderStatus } from './venue-order.js';

const STATE_OF: Record<VenueOrderStatus, OrderState> = {
  NEW: 'NEW',
  PENDING_NEW: 'NEW',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELED',
  PENDING_CANCEL: 'PENDING_CANCEL',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
  EXPIRED_IN_MATCH: 'EXPIRED',
};

/** The `execution.orders` columns an exchange order decides (snake_case, ready for an UPDATE). */
export interface VenueOrderRowFields {
  readonly state: OrderState;
  readonly exchange_order_id: string;
  readonly executed_qty: string;
  /** Absent when the venue reports it as unavailable (a negative historical value): keep the stored one. */
  readonly cummulative_quote_qty?: string;
  /** cummulative_quote_qty / executed_qty to 8 decimals; null before any fill or when unavailable. */
  readonly avg_price: string | null;
  readonly last_exchange_status: VenueOrderStatus;
  /** Set only when the venue says REJECTED: `EXCHANGE_REJECTED` with a sentence. */
  readonly reject_code?: 'EXCHANGE_REJECTED';
  readonly reject_message?: string;
}

/**
 * The one mapping from an exchange order to the order row, shared by execution and the reconciler:
 * `PENDING_NEW` counts as `NEW`, `EXPIRED_IN_MATCH` as `EXPIRED`, every other status keeps its name.
 * Amounts stay the venue's decimal strings; nothing is rounded but the average price.
 */
export function venueOrderToRow(order: VenueOrder): VenueOrderRowFields {
  const executed = new Decimal(order.executedQty);
  const quote = new Decimal(order.cummulativeQuoteQty);
  const available = !quote.isNegative();
  return {
    state: STATE_OF[order.status],
    exchange_order_id: order.orderId,
    executed_qty: order.executedQty,
    ...(available && { cummulative_quote_qty: order.cummulativeQuoteQty }),
    avg_price:
      available && executed.gt(0) ? quote.div(executed).toDecimalPlaces(8).toFixed() : null,
    last_exchange_status: order.status,
    ...(order.status === 'REJECTED' && {
      reject_code: 'EXCHANGE_REJECTED' as const,
      reject_message: 'The exchange reports the order as REJECTED.',
    }),
  };
}
