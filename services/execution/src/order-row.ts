import type { PlaceOrderRequest } from '@livegate/binance';
import type { OrderIntent } from '@livegate/contracts';
import type { ExecutionOrderRow, NewExecutionOrder } from '@livegate/db';
import type { NewIntentDecision } from './intent-checks.js';

/**
 * States a message for the intent must work on rather than just republish: the outcome of our own
 * placement is not known yet (SUBMITTING, UNKNOWN). NOT_PLACED is terminal: never sent again.
 */
export const WORKABLE_STATES = ['SUBMITTING', 'UNKNOWN'] as const;
/** Orders resting on the exchange. */
export const RESTING_STATES = ['NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL'] as const;

export function needsWork(row: Pick<ExecutionOrderRow, 'state'>): boolean {
  return (WORKABLE_STATES as readonly string[]).includes(row.state);
}

export interface RowContext {
  readonly fingerprint: string;
  readonly clientOrderId: string;
  readonly venue: string;
  readonly decision: NewIntentDecision;
  readonly instanceId: string;
  readonly now: number;
  readonly leaseMs: number;
  readonly recvWindowMs: number;
}

/**
 * The row a first-seen intent is stored as (`now`: the database's clock). A SUBMITTING row is leased
 * to this instance and not sent yet (`last_sent_at` null, attempt 0): only the fenced step marks it
 * sent, so until then a takeover may send it, and after it nothing sends it again.
 */
export function rowFromIntent(intent: OrderIntent, ctx: RowContext): NewExecutionOrder {
  const submitting = ctx.decision.state === 'SUBMITTING';
  const now = new Date(ctx.now);
  return {
    intent_id: intent.intentId,
    fingerprint: ctx.fingerprint,
    client_order_id: ctx.clientOrderId,
    mode: intent.mode,
    venue: ctx.venue,
    source: intent.source,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    quantity: intent.quantity ?? null,
    quote_order_qty: intent.quoteOrderQty ?? null,
    price: intent.price ?? null,
    time_in_force: intent.timeInForce ?? null,
    intent_created_at: new Date(intent.createdAt),
    intent_expires_at: intent.expiresAt === undefined ? null : new Date(intent.expiresAt),
    state: ctx.decision.state,
    exchange_order_id: null,
    avg_price: null,
    last_exchange_status: null,
    reject_code: submitting ? null : ctx.decision.code,
    reject_message: submitting ? null : ctx.decision.message,
    live_session_id: submitting ? ctx.decision.sessionId : null,
    attempts: 0,
    last_sent_at: null,
    recv_window_ms: ctx.recvWindowMs,
    lease_holder: submitting ? ctx.instanceId : null,
    lease_expires_at: submitting ? new Date(ctx.now + ctx.leaseMs) : null,
    inserted_at: now,
    updated_at: now,
  };
}

/** The adapter's placement request for a row (amounts as stored, never rounded; the adapter validates it). */
export function placeRequestOf(row: ExecutionOrderRow): PlaceOrderRequest {
  return {
    symbol: row.symbol,
    side: row.side,
    type: row.type as PlaceOrderRequest['type'],
    clientOrderId: row.client_order_id,
    ...(row.quantity !== null && { quantity: row.quantity }),
    ...(row.quote_order_qty !== null && { quoteOrderQty: row.quote_order_qty }),
    ...(row.price !== null && { price: row.price }),
    ...(row.time_in_force !== null && {
      timeInForce: row.time_in_force as PlaceOrderRequest['timeInForce'],
    }),
  };
}

/** The intent's timing fields back from a row, for the freshness check on a resend. */
export function timingOf(row: ExecutionOrderRow): { createdAt: string; expiresAt?: string } {
  return {
    createdAt: row.intent_created_at.toISOString(),
    ...(row.intent_expires_at !== null && { expiresAt: row.intent_expires_at.toISOString() }),
  };
}
