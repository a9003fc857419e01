import { clientOrderIdFor, type VenueOrder, type VenueTrade } from '@livegate/binance';
import type { ExecutionOrderRow, NewExecutionOrder } from '@livegate/db';

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');

/** An order row as execution stores it (a resting LIMIT buy), at T0, unleased. */
export function row(patch: Partial<ExecutionOrderRow> = {}): ExecutionOrderRow {
  const intentId = patch.intent_id ?? 'i-1';
  return {
    intent_id: intentId,
    fingerprint: 'a'.repeat(64),
    client_order_id: clientOrderIdFor(intentId),
    mode: 'paper',
    venue: 'paper',
    source: 'test',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.002',
    quote_order_qty: null,
    price: '50000',
    time_in_force: 'GTC',
    intent_created_at: new Date(T0),
    intent_expires_at: null,
    state: 'NEW',
    exchange_order_id: '7',
    executed_qty: '0',
    cummulative_quote_qty: '0',
    avg_price: null,
    last_exchange_status: 'NEW',
    reject_code: null,
    reject_message: null,
    live_session_id: null,
    attempts: 1,
    last_sent_at: new Date(T0),
    recv_window_ms: 5000,
    not_found_count: 0,
    fence_version: null,
    send_budget_ms: 0,
    lease_holder: null,
    lease_expires_at: null,
    inserted_at: new Date(T0),
    updated_at: new Date(T0),
    ...patch,
  };
}

/** The insertable form of {@link row} (for seeding the database). */
export function newRow(patch: Partial<ExecutionOrderRow> = {}): NewExecutionOrder {
  const { attempts, recv_window_ms, not_found_count, ...rest } = row(patch);
  return { ...rest, attempts, recv_window_ms, not_found_count };
}

/** The venue's view of {@link row}'s order. */
export function venueOrder(patch: Partial<VenueOrder> = {}): VenueOrder {
  return {
    symbol: 'BTCUSDT',
    orderId: '7',
    clientOrderId: clientOrderIdFor('i-1'),
    price: '50000.00',
    origQty: '0.002',
    executedQty: '0',
    cummulativeQuoteQty: '0',
    status: 'NEW',
    timeInForce: 'GTC',
    type: 'LIMIT',
    side: 'BUY',
    updatedAt: T0,
    fills: [],
    ...patch,
  };
}

export function trade(patch: Partial<VenueTrade> = {}): VenueTrade {
  return {
    symbol: 'BTCUSDT',
    id: '100',
    orderId: '7',
    price: '50000',
    qty: '0.001',
    quoteQty: '50',
    commission: '0.000001',
    commissionAsset: 'BTC',
    time: T0,
    isBuyer: true,
    isMaker: true,
    ...patch,
  };
}
