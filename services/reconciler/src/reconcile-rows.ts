import type { VenueOrder, VenueTrade } from '@livegate/binance';
import { intentKeyString } from '@livegate/contracts';
import { dbNow, type ExecutionOrderRow } from '@livegate/db';
import { Decimal } from 'decimal.js';
import { applyPlans, type PlannedRow } from './batch-apply.js';
import { fetchOrdersById, fetchTradesOfOrders } from './batch-reads.js';
import { reconcileRow, type RowDeps } from './reconcile-row.js';
import { isUnsent, leaseIsLive, planFromOrder } from './row-plan.js';

/** Trades are read from this long before the first changed order was sent (clock skew, retries). */
export const TRADES_MARGIN_MS = 60_000;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

interface Found {
  readonly row: ExecutionOrderRow;
  readonly order: VenueOrder;
}

/**
 * Every open row of a run, in batches (issue 12): orders not in the open list are read with
 * allOrders per symbol from the smallest order id, trades with myTrades per symbol, and the plans
 * committed a chunk per transaction. What a batch cannot settle — a row leased or never sent, an
 * order without an exchange id or absent from allOrders, trades that do not add up — goes through
 * {@link reconcileRow}, one row and its lookups at a time, as before.
 */
export async function reconcileRows(deps: RowDeps, rows: readonly ExecutionOrderRow[]) {
  const now = await dbNow(deps.db);
  const first: ExecutionOrderRow[] = [];
  const found: Found[] = [];
  const lookUp: ExecutionOrderRow[] = [];
  for (const row of rows) {
    const order = deps.open.ours.get(row.client_order_id);
    if (leaseIsLive(row, now) || isUnsent(row)) first.push(row);
    else if (order !== undefined) found.push({ row, order });
    else if (row.exchange_order_id !== null) lookUp.push(row);
    else first.push(row);
  }
  // Rows only a lookup by client order id can settle go first, while their windows are as read.
  for (const row of first) await reconcileRow(deps, row);
  const single: ExecutionOrderRow[] = [];

  for (const [symbol, group] of groupBy(lookUp, (r) => r.symbol)) {
    const ids = group.map((r) => r.exchange_order_id as string);
    const orders = await fetchOrdersById(deps.pacer, deps.venue, symbol, ids);
    for (const row of group) {
      const order = orders?.get(row.exchange_order_id as string);
      if (order === undefined) single.push(row);
      else found.push({ row, order });
    }
  }

  const stored = (row: ExecutionOrderRow) =>
    deps.fillQty.get(intentKeyString({ source: row.source, intentId: row.intent_id })) ?? '0';
  const needTrades = found.filter(({ row, order }) =>
    new Decimal(order.executedQty).gt(stored(row)),
  );
  const trades = new Map<string, VenueTrade[]>();
  for (const [symbol, group] of groupBy(needTrades, (f) => f.row.symbol)) {
    const since = Math.min(
      ...group.map(({ row }) => (row.last_sent_at ?? row.intent_created_at).getTime()),
    );
    const byOrder = await fetchTradesOfOrders(deps.pacer, deps.venue, symbol, {
      executed: new Map(group.map(({ order }) => [order.orderId, order.executedQty])),
      since: since - TRADES_MARGIN_MS,
    });
    for (const [orderId, list] of byOrder) trades.set(orderId, list);
  }

  const planned: PlannedRow[] = [];
  for (const { row, order } of found) {
    const missing = new Decimal(order.executedQty).gt(stored(row));
    const orderTrades = trades.get(order.orderId);
    if (missing && orderTrades === undefined) single.push(row);
    else planned.push({ row, plan: planFromOrder(row, order, missing), trades: orderTrades ?? [] });
  }
  await applyPlans(deps, planned);
  for (const row of single) await reconcileRow(deps, row);
}
