import { isTerminalOrderState, type OrderState } from '@livegate/contracts';
import { Decimal } from 'decimal.js';

/** How far along its life an order state is; states of one rank do not follow each other. */
const RANK: Readonly<Record<OrderState, number>> = {
  SUBMITTING: 0,
  UNKNOWN: 0,
  NEW: 1,
  PARTIALLY_FILLED: 2,
  PENDING_CANCEL: 3,
  FILLED: 4,
  CANCELED: 4,
  EXPIRED: 4,
  REJECTED: 4,
  NOT_PLACED: 4,
};

/** The part of an order row (or of a venue report) the forward rule compares. */
export interface OrderProgress {
  readonly state: OrderState;
  readonly executedQty: string;
}

/**
 * Whether a report of the order (`to`) moves the stored row (`from`) forward. Executed quantity only
 * grows on the venue, so more is newer and less is a stale (late, replayed) report; at the same
 * quantity only a later state is news. A final row never moves. Shared by every writer that applies
 * venue reports which may arrive late, twice or out of order (the user data stream).
 */
export function movesForward(from: OrderProgress, to: OrderProgress): boolean {
  if (isTerminalOrderState(from.state)) return false;
  const qty = new Decimal(to.executedQty).cmp(from.executedQty);
  if (qty !== 0) return qty > 0;
  return RANK[to.state] > RANK[from.state];
}

/**
 * The state a row takes from a forward report: a PENDING_CANCEL row stays so while the venue still
 * shows the order open (the cancel may be in flight), as the reconciler decides.
 */
export function advancedState(from: OrderState, reported: OrderState): OrderState {
  return from === 'PENDING_CANCEL' && !isTerminalOrderState(reported) ? from : reported;
}
