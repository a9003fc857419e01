import type { VenueOrder, VenueTrade } from '@livegate/binance';
import { intentKeyString } from '@livegate/contracts';
import { dbNow, type ExecutionOrderRow } from '@livegate/db';
import { Decimal } from 'decimal.js';
import { createBatchCommitter, type BatchCommitter, type PlannedRow } from './batch-apply.js';
import { fetchOrdersById, fetchTradesOfOrders } from './batch-reads.js';
import { eachBounded } from './bounded.js';
import { reconcileRow, type RowDeps } from './reconcile-row.js';
import { isUnsent, leaseIsLive, planFromOrder } from './row-plan.js';

/** Trades are read from this long before the first changed order was sent (clock skew, retries). */
export const TRADES_MARGIN_MS = 60_000;
/** Symbols read at once (allOrders then myTrades each); weight is the venue's limit, not requests in flight. */
export const READ_WIDTH = 4;

interface Found {
  readonly row: ExecutionOrderRow;
  readonly order: VenueOrder;
}

/** The rows of one symbol a batch can settle: found in the open list, or to look up by exchange id. */
interface SymbolRows {
  readonly found: Found[];
  readonly lookUp: ExecutionOrderRow[];
}

function symbolRows(groups: Map<string, SymbolRows>, symbol: string): SymbolRows {
  let group = groups.get(symbol);
  if (group === undefined) {
    group = { found: [], lookUp: [] };
    groups.set(symbol, group);
  }
  return group;
}

/**
 * One symbol's rows: orders not in the open list read with allOrders from the smallest order id,
 * trades with myTrades by symbol, and the plans handed to the batch committer. What the batch
 * cannot settle (an order absent from allOrders, trades that do not add up) is left in `single`.
 */
async function settleSymbol(
  deps: RowDeps,
  symbol: string,
  rows: SymbolRows,
  committer: BatchCommitter,
  single: ExecutionOrderRow[],
): Promise<void> {
  const found = [...rows.found];
  if (rows.lookUp.length > 0) {
    const ids = rows.lookUp.map((r) => r.exchange_order_id as string);
    const orders = await fetchOrdersById(deps.pacer, deps.venue, symbol, ids);
    for (const row of rows.lookUp) {
      const order = orders?.get(row.exchange_order_id as string);
      if (order === undefined) single.push(row);
      else found.push({ row, order });
    }
  }
  const stored = (row: ExecutionOrderRow) =>
    deps.fillQty.get(intentKeyString({ source: row.source, intentId: row.intent_id })) ?? '0';
  const missing = new Set(
    found.filter(({ row, order }) => new Decimal(order.executedQty).gt(stored(row))),
  );
  let trades = new Map<string, VenueTrade[]>();
  if (missing.size > 0) {
    const since = Math.min(
      ...[...missing].map(({ row }) => (row.last_sent_at ?? row.intent_created_at).getTime()),
    );
    trades = await fetchTradesOfOrders(deps.pacer, deps.venue, symbol, {
      executed: new Map([...missing].map(({ order }) => [order.orderId, order.executedQty])),
      since: since - TRADES_MARGIN_MS,
    });
  }
  const planned: PlannedRow[] = [];
  for (const f of found) {
    const orderTrades = trades.get(f.order.orderId);
    if (missing.has(f) && orderTrades === undefined) single.push(f.row);
    else {
      const plan = planFromOrder(f.row, f.order, missing.has(f));
      planned.push({ row: f.row, plan, trades: orderTrades ?? [] });
    }
  }
  await committer.add(planned);
}

/**
 * Every open row of a run, in batches (issue 12): per symbol (several at once), orders not in the
 * open list are read with allOrders from the smallest order id and trades with myTrades, and the
 * plans committed a chunk per transaction while the next symbols are read. What a batch cannot
 * settle — a row leased or never sent, an order without an exchange id or absent from allOrders,
 * trades that do not add up — goes through {@link reconcileRow}, one row and its lookups at a time.
 * A failure stops new reads, lets what was read commit, and is thrown.
 */
export async function reconcileRows(deps: RowDeps, rows: readonly ExecutionOrderRow[]) {
  const now = await dbNow(deps.db);
  const first: ExecutionOrderRow[] = [];
  const bySymbol = new Map<string, SymbolRows>();
  for (const row of rows) {
    const order = deps.open.ours.get(row.client_order_id);
    if (leaseIsLive(row, now) || isUnsent(row)) first.push(row);
    else if (order !== undefined) symbolRows(bySymbol, row.symbol).found.push({ row, order });
    else if (row.exchange_order_id !== null) symbolRows(bySymbol, row.symbol).lookUp.push(row);
    else first.push(row);
  }
  // Rows only a lookup by client order id can settle go first, while their windows are as read.
  for (const row of first) await reconcileRow(deps, row);

  const single: ExecutionOrderRow[] = [];
  const committer = createBatchCommitter(deps, deps.batch);
  let failure: { readonly err: unknown } | undefined;
  try {
    await eachBounded([...bySymbol], deps.batch?.readWidth ?? READ_WIDTH, ([symbol, group]) =>
      settleSymbol(deps, symbol, group, committer, single),
    );
  } catch (err) {
    failure = { err };
  }
  try {
    await committer.finish();
  } catch (err) {
    failure ??= { err };
  }
  if (failure !== undefined) throw failure.err;
  for (const row of single) await reconcileRow(deps, row);
}
