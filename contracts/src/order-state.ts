import { z } from 'zod';
import { requiredField } from './common.js';

/**
 * The state of an intent's order row (DESIGN.md §4):
 * `SUBMITTING → NEW | PARTIALLY_FILLED | FILLED | REJECTED | UNKNOWN`,
 * `UNKNOWN → (lookup) NEW | … | NOT_PLACED`, `NEW → PARTIALLY_FILLED → FILLED | CANCELED | EXPIRED`,
 * with `PENDING_CANCEL` while a cancel is in flight.
 */
export const orderStateSchema = z
  .enum(
    [
      'SUBMITTING',
      'NEW',
      'PARTIALLY_FILLED',
      'FILLED',
      'CANCELED',
      'EXPIRED',
      'REJECTED',
      'UNKNOWN',
      'NOT_PLACED',
      'PENDING_CANCEL',
    ],
    requiredField,
  )
  .meta({ id: 'OrderState' });
export const OrderState = orderStateSchema.enum;
export type OrderState = z.infer<typeof orderStateSchema>;

/** States no event will ever move an order out of. */
export const TERMINAL_ORDER_STATES: readonly OrderState[] = [
  'FILLED',
  'CANCELED',
  'EXPIRED',
  'REJECTED',
  'NOT_PLACED',
];

/**
 * States an order can still leave: the row needs the exchange (or a lookup) to finish. Every state is
 * either open or terminal.
 */
export const OPEN_ORDER_STATES = [
  'SUBMITTING',
  'UNKNOWN',
  'NEW',
  'PARTIALLY_FILLED',
  'PENDING_CANCEL',
] as const satisfies readonly OrderState[];

/** True when `state` is final: the row needs no further reconciling. */
export function isTerminalOrderState(state: OrderState): boolean {
  return TERMINAL_ORDER_STATES.includes(state);
}

/**
 * Why an intent was refused or not placed. Local refusals: `INVALID_INTENT`, `IDEMPOTENCY_KEY_REUSED`,
 * `NOT_ARMED`, `HALTED`, `STALE`, `FUTURE_DATED` (created ahead of the database's clock beyond the
 * margin), `HELD_UNTIL_RECONCILED`, `DEAD_LETTER` (could not be handled within its deliveries); pre-trade filter failures named after the
 * exchange filter (`PRICE_FILTER`, `LOT_SIZE`, …, `PRECISION`, `INSUFFICIENT_BALANCE`); exchange answers:
 * `EXCHANGE_REJECTED` (definitive), `NOT_PLACED` (resolved unknown), `VENUE_UNHEALTHY`, `RATE_LIMITED`;
 * a pre-trade risk limit breached in the fenced step: `RISK_LIMIT`; the strategy paused after repeated
 * breaches (`pause_after_breaches`): `STRATEGY_PAUSED`.
 */
export const rejectCodeSchema = z
  .enum(
    [
      'INVALID_INTENT',
      'IDEMPOTENCY_KEY_REUSED',
      'NOT_ARMED',
      'HALTED',
      'STALE',
      'FUTURE_DATED',
      'DEAD_LETTER',
      'PRICE_FILTER',
      'LOT_SIZE',
      'MARKET_LOT_SIZE',
      'NOTIONAL',
      'MIN_NOTIONAL',
      'MAX_NUM_ORDERS',
      'INSUFFICIENT_BALANCE',
      'PRECISION',
      'EXCHANGE_REJECTED',
      'NOT_PLACED',
      'VENUE_UNHEALTHY',
      'RATE_LIMITED',
      'HELD_UNTIL_RECONCILED',
      'RISK_LIMIT',
      'STRATEGY_PAUSED',
    ],
    requiredField,
  )
  .meta({ id: 'RejectCode' });
export const RejectCode = rejectCodeSchema.enum;
export type RejectCode = z.infer<typeof rejectCodeSchema>;
