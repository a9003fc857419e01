import type { IntentMode, OrderState } from '@livegate/contracts';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A `numeric` column: pg returns decimal strings; write decimal strings (never floats). */
type Numeric = ColumnType<string, string, string>;
type NumericDefault = ColumnType<string, string | undefined, string>;
type NullableNumeric = ColumnType<string | null, string | null | undefined, string | null>;

/**
 * `execution.orders`: one row per intent (`intent_id` is the idempotency key), owned by the execution
 * service; the reconciler and the gateway read it, the reconciler also resolves non-terminal rows.
 * - `fingerprint` = contracts' `intentFingerprint(intent)`; `client_order_id` = binance
 *   `clientOrderIdFor(intent_id)` (unique).
 * - `state` is a contracts `OrderState`; non-terminal: SUBMITTING, UNKNOWN, NEW, PARTIALLY_FILLED,
 *   PENDING_CANCEL (partial index `orders_open`).
 * - `last_sent_at`: the latest moment a placement request of this row may have been stamped (null:
 *   none can be in flight); with `recv_window_ms` and `not_found_count` it decides NOT_PLACED
 *   (binance `notPlacedDecidable`).
 * - `lease_holder` / `lease_expires_at`: the execution instance working the row (both null or both set).
 * - `live_session_id`: the armed session a live intent was accepted under.
 * - `fence_version` / `send_budget_ms`: written by the fenced step (DESIGN.md §4 step 4) with
 *   `last_sent_at` = the database's `now()`: the `arming.trading_state.version` the send was decided
 *   at (null until a fence passed), and how long after `last_sent_at` the request may still be signed.
 *   A request can reach the venue until `last_sent_at + send_budget_ms + recv_window_ms`.
 */
export interface ExecutionOrdersTable {
  intent_id: string;
  fingerprint: string;
  client_order_id: string;
  mode: IntentMode;
  venue: string;
  source: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  type: string;
  quantity: NullableNumeric;
  quote_order_qty: NullableNumeric;
  price: NullableNumeric;
  time_in_force: string | null;
  intent_created_at: Date;
  intent_expires_at: Date | null;
  state: OrderState;
  exchange_order_id: string | null;
  executed_qty: NumericDefault;
  cummulative_quote_qty: NumericDefault;
  avg_price: NullableNumeric;
  last_exchange_status: string | null;
  reject_code: string | null;
  reject_message: string | null;
  live_session_id: string | null;
  attempts: Generated<number>;
  last_sent_at: Date | null;
  recv_window_ms: Generated<number>;
  not_found_count: Generated<number>;
  fence_version: ColumnType<number | null, number | null | undefined, number | null>;
  send_budget_ms: Generated<number>;
  lease_holder: string | null;
  lease_expires_at: Date | null;
  inserted_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ExecutionOrderRow = Selectable<ExecutionOrdersTable>;
export type NewExecutionOrder = Insertable<ExecutionOrdersTable>;
export type ExecutionOrderUpdate = Updateable<ExecutionOrdersTable>;

/** `execution.fills`: one row per trade, unique on (venue, symbol, trade_id), so re-reported fills change nothing. */
export interface ExecutionFillsTable {
  venue: string;
  symbol: string;
  trade_id: string;
  intent_id: string;
  exchange_order_id: string;
  price: Numeric;
  qty: Numeric;
  quote_qty: Numeric;
  commission: Numeric;
  commission_asset: string;
  is_maker: boolean;
  traded_at: Date;
}

export type ExecutionFillRow = Selectable<ExecutionFillsTable>;

/**
 * `execution.order_events`: every published order event (the contracts `OrderEvent` in `payload`),
 * written in the transaction that made the state change; the dashboard's per-intent history.
 */
export interface ExecutionOrderEventsTable {
  id: Generated<string>;
  intent_id: string;
  type: string;
  state: OrderState;
  payload: ColumnType<unknown, string, string>;
  at: Generated<Date>;
}

export type ExecutionOrderEventRow = Selectable<ExecutionOrderEventsTable>;
