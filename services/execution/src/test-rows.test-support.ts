import type { ExecutionOrderRow } from '@livegate/db';

/** A stored order row, as Postgres returns it, for unit tests. */
export function orderRow(patch: Partial<ExecutionOrderRow> = {}): ExecutionOrderRow {
  const at = new Date('2026-01-01T00:00:00.000Z');
  return {
    intent_id: 'i-1',
    fingerprint: 'f'.repeat(64),
    client_order_id: 'lg-abc',
    mode: 'paper',
    venue: 'paper',
    source: 'strat',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.00100',
    quote_order_qty: null,
    price: '50000.00',
    time_in_force: 'GTC',
    intent_created_at: at,
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
    last_sent_at: at,
    recv_window_ms: 5000,
    not_found_count: 0,
    fence_version: null,
    send_budget_ms: 0,
    lease_holder: null,
    lease_expires_at: null,
    inserted_at: at,
    updated_at: at,
    ...patch,
  };
}
