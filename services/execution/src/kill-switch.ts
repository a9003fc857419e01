import {
  isOurClientOrderId,
  venueOrderToRow,
  type BinanceSpotAdapter,
  type RateLimited,
  type VenueOrder,
} from '@livegate/binance';
import {
  appendAudit,
  eventStamp,
  insertOrderEvent,
  orderEventFromRow,
  type ExecutionOrderRow,
} from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { AUDIT_ACTOR } from './audits.js';
import type { Db } from './db.js';
import { RESTING_STATES } from './order-row.js';
import { keyOf, openLiveOrders, updateOpen } from './orders.repository.js';
import type { Publisher } from './publisher.js';
import { waitingOutRetryAfter } from './retry-after.js';

export type KillEntry = {
  /** The strategy that owns the order (null for an external order). */
  readonly source: string | null;
  readonly intentId: string | null;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly exchangeOrderId: string | null;
  readonly reason: string | null;
};

/**
 * What one sweep did: our orders cancelled on the venue, orders on the live account that are not ours
 * and were cancelled too, rows not open there (filled, or never placed), rows whose placement is still
 * being resolved (cancelled by a later sweep once they rest), and failures.
 */
export interface KillReport {
  readonly cancelled: KillEntry[];
  readonly external: KillEntry[];
  readonly notOpen: KillEntry[];
  readonly pending: KillEntry[];
  readonly failed: KillEntry[];
}

export interface KillSwitch {
  /**
   * The sweep of a kill: every open order on the live account (ours or not) is cancelled, symbol by
   * symbol, then our resting rows one by one; audited (`execution.kill_cancelled`) and logged.
   */
  sweep(trigger: Record<string, string | number>): Promise<KillReport>;
  /**
   * While halted: our live rows that came to rest since (they raced the kill, or were resolved by the
   * reconciler) are cancelled one by one, except those in `skip` (client order ids already found not open on the venue:
   * the reconciler corrects them); audited when something was cancelled or failed.
   */
  cancelResting(
    trigger: Record<string, string | number>,
    skip: ReadonlySet<string>,
  ): Promise<KillReport>;
}

const entry = (
  row: ExecutionOrderRow,
  extra: { exchangeOrderId?: string; reason?: string },
): KillEntry => ({
  source: row.source,
  intentId: row.intent_id,
  clientOrderId: row.client_order_id,
  symbol: row.symbol,
  exchangeOrderId: extra.exchangeOrderId ?? row.exchange_order_id,
  reason: extra.reason ?? null,
});

const externalEntry = (order: VenueOrder): KillEntry => ({
  source: null,
  intentId: null,
  clientOrderId: order.clientOrderId,
  symbol: order.symbol,
  exchangeOrderId: order.orderId,
  reason: null,
});

const emptyReport = (): KillReport => ({
  cancelled: [],
  external: [],
  notOpen: [],
  pending: [],
  failed: [],
});

const isResting = (row: ExecutionOrderRow) =>
  (RESTING_STATES as readonly string[]).includes(row.state);

export function createKillSwitch({
  db,
  live,
  publisher,
  logger,
  now,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}: {
  db: Db;
  live: BinanceSpotAdapter;
  publisher: Publisher;
  logger: Logger;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}): KillSwitch {
  const patient = <T extends { kind: string }>(
    label: string,
    call: () => Promise<T | RateLimited>,
  ) => waitingOutRetryAfter({ logger, sleep }, `kill switch: ${label}`, call);

  /** The cancel answer becomes the row's state, unless the row was settled meanwhile. */
  async function markCanceled(row: ExecutionOrderRow, order: VenueOrder): Promise<void> {
    const events = await db.transaction().execute(async (trx) => {
      const at = now();
      const updated = await updateOpen(trx, {
        key: keyOf(row),
        now: at,
        patch: venueOrderToRow(order),
      });
      const written = updated.map((r) =>
        orderEventFromRow(r, { type: 'order.canceled' }, eventStamp(at)),
      );
      for (const event of written) await insertOrderEvent(trx, event);
      return written;
    });
    await publisher.announce({ events, audits: [] });
  }

  /** Symbols with an open order on the live account: every symbol when the venue can say, else ours. */
  async function symbolsToClear(rows: ExecutionOrderRow[]): Promise<string[]> {
    const symbols = new Set(rows.map((r) => r.symbol));
    const listed = await patient('openOrders', () => live.openOrders());
    if (listed.kind === 'ok') for (const o of listed.value) symbols.add(o.symbol);
    else
      logger.warn(
        { reason: listed.message },
        'kill switch: open orders of every symbol unreadable',
      );
    return [...symbols].sort();
  }

  async function cancelBySymbol(
    rows: ExecutionOrderRow[],
    report: KillReport,
  ): Promise<Set<string>> {
    const handled = new Set<string>();
    for (const symbol of await symbolsToClear(rows)) {
      const result = await patient('cancelAllOpenOrders', () => live.cancelAllOpenOrders(symbol));
      if (result.kind !== 'ok') {
        logger.warn(
          { symbol, outcome: result.kind, reason: result.message },
          'kill switch: cancelAllOpenOrders failed',
        );
        continue;
      }
      for (const order of result.value) {
        const row = rows.find((r) => r.client_order_id === order.clientOrderId);
        if (row === undefined) {
          report.external.push(externalEntry(order));
          if (isOurClientOrderId(order.clientOrderId)) {
            logger.warn(
              { clientOrderId: order.clientOrderId },
              'kill switch: cancelled an order of ours with no open row',
            );
          }
          continue;
        }
        await markCanceled(row, order);
        handled.add(row.client_order_id);
        report.cancelled.push(entry(row, { exchangeOrderId: order.orderId }));
      }
    }
    return handled;
  }

  async function cancelOne(row: ExecutionOrderRow, report: KillReport): Promise<void> {
    const result = await patient('cancelOrder', () =>
      live.cancelOrder({ symbol: row.symbol, clientOrderId: row.client_order_id }),
    );
    if (result.kind === 'ok') {
      await markCanceled(row, result.value);
      report.cancelled.push(entry(row, { exchangeOrderId: result.value.orderId }));
    } else if (result.kind === 'not-found') {
      report.notOpen.push(entry(row, { reason: result.message }));
    } else {
      report.failed.push(entry(row, { reason: result.message }));
    }
  }

  async function settleRows(rows: ExecutionOrderRow[], handled: Set<string>, report: KillReport) {
    for (const row of rows) {
      if (handled.has(row.client_order_id)) continue;
      if (isResting(row)) await cancelOne(row, report);
      else report.pending.push(entry(row, { reason: `${row.state}: placement still resolving` }));
    }
  }

  async function record(trigger: Record<string, string | number>, report: KillReport) {
    const audit = await appendAudit(db, {
      kind: 'execution.kill_cancelled',
      actor: AUDIT_ACTOR,
      details: {
        trigger,
        cancelled: [...report.cancelled],
        external: [...report.external],
        notOpen: [...report.notOpen],
        pending: [...report.pending],
        failed: [...report.failed],
      },
    });
    await publisher.announce({ events: [], audits: [audit] });
    logger.warn(
      {
        cancelled: report.cancelled,
        external: report.external,
        notOpen: report.notOpen.length,
        pending: report.pending.length,
        failed: report.failed.length,
      },
      `kill switch: cancelled ${report.cancelled.length} open live order(s) and ${report.external.length} external`,
    );
  }

  return {
    async sweep(trigger) {
      const rows = await openLiveOrders(db);
      const report = emptyReport();
      const handled = await cancelBySymbol(rows, report);
      await settleRows(rows, handled, report);
      await record(trigger, report);
      return report;
    },
    async cancelResting(trigger, skip) {
      const rows = (await openLiveOrders(db)).filter(
        (r) => isResting(r) && !skip.has(r.client_order_id),
      );
      const report = emptyReport();
      await settleRows(rows, new Set(), report);
      if (report.cancelled.length > 0 || report.failed.length > 0) await record(trigger, report);
      return report;
    },
  };
}
