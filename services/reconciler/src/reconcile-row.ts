import { intentKeyString } from '@livegate/contracts';
import type { ExecutionOrderRow } from '@livegate/db';
import { Decimal } from 'decimal.js';
import { applyPlan, type ApplyContext } from './apply-plan.js';
import type { BatchTuning } from './batch-apply.js';
import type { Pacer } from './paced-call.js';
import { dbNow } from '@livegate/db';
import {
  isUnsent,
  leaseIsLive,
  planFromNotFound,
  planFromOrder,
  planLeased,
  type PlanRules,
} from './row-plan.js';
import { fetchOrderTrades, type OpenOrders } from './venue-reads.js';
import type { ReconcileVenue } from './venue.js';

export interface RowDeps extends ApplyContext {
  readonly venue: ReconcileVenue;
  readonly pacer: Pacer;
  readonly rules: PlanRules;
  readonly open: OpenOrders;
  /** Stored fill quantity per intent, by `intentKeyString` (source and intentId). */
  readonly fillQty: ReadonlyMap<string, string>;
  readonly tradesPageSize?: number;
  /** How the batches read and commit (defaults in reconcile-rows.ts and batch-apply.ts). */
  readonly batch?: RunBatchTuning;
}

export interface RunBatchTuning extends BatchTuning {
  /** Symbols read at once; default `READ_WIDTH`. */
  readonly readWidth?: number;
}

/**
 * One open row against the venue: its order from the open list, else looked up by client order id;
 * its trades fetched when the venue reports more executed than the stored fills add up to; then
 * the planned change committed. A row an execution instance is working on is left alone.
 */
export async function reconcileRow(deps: RowDeps, row: ExecutionOrderRow): Promise<void> {
  const now = await dbNow(deps.db);
  if (leaseIsLive(row, now)) return applyPlan(deps, row, planLeased(row));
  // Never fenced: no request for it ever left, so the venue cannot have it; execution sends it (or not).
  if (isUnsent(row)) return applyPlan(deps, row, { unresolved: false });
  const { symbol, client_order_id: clientOrderId } = row;
  let order = deps.open.ours.get(clientOrderId);
  if (order === undefined) {
    const lookedUpAt = now;
    const found = await deps.pacer.call(`getOrder ${symbol}`, () =>
      deps.venue.getOrder({ symbol, clientOrderId }),
    );
    if (found.kind === 'rejected') {
      return applyPlan(deps, row, {
        unresolved: true,
        error: {
          code: 'VENUE_REJECTED',
          message: `getOrder ${symbol} ${clientOrderId} (intent ${row.intent_id}): refused by the venue (${found.code}: ${found.message}).`,
        },
      });
    }
    if (found.kind === 'not-found') {
      return applyPlan(deps, row, planFromNotFound(row, found, lookedUpAt, deps.rules));
    }
    order = found.value;
  }
  const stored =
    deps.fillQty.get(intentKeyString({ source: row.source, intentId: row.intent_id })) ?? '0';
  if (!new Decimal(order.executedQty).gt(stored)) {
    return applyPlan(deps, row, planFromOrder(row, order, false));
  }
  const trades = await fetchOrderTrades(deps.pacer, deps.venue, {
    symbol,
    orderId: order.orderId,
    ...(deps.tradesPageSize !== undefined && { pageSize: deps.tradesPageSize }),
  });
  if (!Array.isArray(trades)) return applyPlan(deps, row, { unresolved: true, error: trades });
  const total = trades.reduce((sum, t) => sum.plus(t.qty), new Decimal(0));
  if (total.lt(order.executedQty)) {
    return applyPlan(deps, row, {
      unresolved: true,
      error: {
        code: 'FILLS_INCOMPLETE',
        message: `Order ${order.orderId} (intent ${row.intent_id}) executed ${order.executedQty} but its trades add up to ${total.toFixed()}; the row is left for the next run.`,
      },
    });
  }
  return applyPlan(deps, row, planFromOrder(row, order, true), trades);
}
