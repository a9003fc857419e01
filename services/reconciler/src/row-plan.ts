import {
  notPlacedDecidable,
  notPlacedWaitMs,
  venueOrderToRow,
  type VenueOrder,
} from '@livegate/binance';
import { isTerminalOrderState } from '@livegate/contracts';
import {
  venueChangeSpec,
  type ExecutionOrderRow,
  type ExecutionOrderUpdate,
  type OrderEventSpec,
} from '@livegate/db';
import { Decimal } from 'decimal.js';
import type { RunError } from './run-error.js';

/** States in which the outcome of the placement is not known yet. */
export function isUnresolved(row: Pick<ExecutionOrderRow, 'state'>): boolean {
  return row.state === 'SUBMITTING' || row.state === 'UNKNOWN';
}

/** SUBMITTING and never fenced (`last_sent_at` null): no request for it can have reached the venue. */
export function isUnsent(row: Pick<ExecutionOrderRow, 'state' | 'last_sent_at'>): boolean {
  return row.state === 'SUBMITTING' && row.last_sent_at === null;
}

/** An execution instance works the row right now (by the database's clock): the reconciler leaves it alone. */
export function leaseIsLive(row: ExecutionOrderRow, now: number): boolean {
  return row.lease_expires_at !== null && row.lease_expires_at.getTime() > now;
}

export interface PlanRules {
  readonly clockMarginMs: number;
  readonly notPlacedConfirmMs: number;
}

/** What one row needs: columns to write (if any), the event that change publishes, and whether it stays open. */
export interface RowPlan {
  readonly patch?: ExecutionOrderUpdate;
  /** Published after commit and counted as a change `FROM->TO`. */
  readonly event?: OrderEventSpec;
  /** The row's outcome is still not known (or could not be checked). */
  readonly unresolved: boolean;
  readonly error?: RunError;
}

const RELEASE = { lease_holder: null, lease_expires_at: null } as const;
const same = (a: string, b: string) => new Decimal(a).eq(b);

/** The row skipped because its lease is live: counted as open when its placement is unresolved. */
export function planLeased(row: ExecutionOrderRow): RowPlan {
  return { unresolved: isUnresolved(row) };
}

/**
 * The venue shows the order: its status, amounts and id become the row's (binance `venueOrderToRow`).
 * A PENDING_CANCEL row stays so while the venue still shows the order open (the cancel may be in
 * flight). `fillsMissing`: the venue reports more executed quantity than the stored fills add up to.
 */
export function planFromOrder(
  row: ExecutionOrderRow,
  order: VenueOrder,
  fillsMissing: boolean,
): RowPlan {
  const fields = venueOrderToRow(order);
  const keepPendingCancel = row.state === 'PENDING_CANCEL' && !isTerminalOrderState(fields.state);
  const state = keepPendingCancel ? 'PENDING_CANCEL' : fields.state;
  const unchanged =
    state === row.state &&
    fields.exchange_order_id === row.exchange_order_id &&
    fields.last_exchange_status === row.last_exchange_status &&
    same(fields.executed_qty, row.executed_qty) &&
    (fields.cummulative_quote_qty === undefined ||
      same(fields.cummulative_quote_qty, row.cummulative_quote_qty));
  if (unchanged && !fillsMissing) return { unresolved: false };
  return {
    patch: { ...fields, state, not_found_count: 0, ...RELEASE },
    event: venueChangeSpec(row, state, fields.reject_message),
    unresolved: false,
  };
}

export const NOT_PLACED_MESSAGE =
  'The venue has no order with this client order id after the request window and repeated lookups: it was not placed. It is never sent again automatically; send a new intent to try again.';

function decidedNotPlaced(base: ExecutionOrderUpdate): RowPlan {
  return {
    patch: {
      ...base,
      state: 'NOT_PLACED',
      reject_code: 'NOT_PLACED',
      reject_message: NOT_PLACED_MESSAGE,
    },
    event: { type: 'order.rejected', code: 'NOT_PLACED', message: NOT_PLACED_MESSAGE },
    unresolved: false,
  };
}

/**
 * The venue does not find the order. For an unresolved placement and -2013 this is the shared
 * NOT_PLACED rule (binance `notPlacedDecidable`): counted only after recvWindow + margin, decided on
 * a repeated not-found; a SUBMITTING row becomes UNKNOWN meanwhile. For an order the row says rests
 * on the venue (or -2026 archived) nothing is concluded: an error, the row left as it is.
 */
export function planFromNotFound(
  row: ExecutionOrderRow,
  notFound: { readonly code: number },
  lookedUpAt: number,
  rules: PlanRules,
): RowPlan {
  if (!isUnresolved(row) || notFound.code !== -2013) {
    return {
      unresolved: true,
      error: {
        code: 'ORDER_NOT_FOUND',
        message: `The venue does not find order ${row.client_order_id} (intent ${row.intent_id}, ${row.state} here; code ${notFound.code}); the row is left as it is.`,
      },
    };
  }
  const held = row.lease_holder !== null;
  const window = {
    lastSentAt: row.last_sent_at,
    sendBudgetMs: row.send_budget_ms,
    recvWindowMs: row.recv_window_ms,
    clockMarginMs: rules.clockMarginMs,
    confirmMs: rules.notPlacedConfirmMs,
    now: lookedUpAt,
  };
  const waitMs = notPlacedWaitMs(window);
  const notFoundCount = waitMs === 0 ? row.not_found_count + 1 : 0;
  const base: ExecutionOrderUpdate = { not_found_count: notFoundCount, ...RELEASE };
  if (notPlacedDecidable({ ...window, notFoundCount })) return decidedNotPlaced(base);
  const toUnknown = row.state === 'SUBMITTING';
  if (!toUnknown && !held && notFoundCount === row.not_found_count) return { unresolved: true };
  return {
    patch: { ...base, state: 'UNKNOWN' },
    ...(toUnknown && {
      event: {
        type: 'order.unknown' as const,
        message:
          'The placement may have been sent before a restart; the venue does not show it yet, resolving by lookup.',
      },
    }),
    unresolved: true,
  };
}
