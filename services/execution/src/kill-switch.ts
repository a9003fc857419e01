import { venueOrderToRow, type BinanceSpotAdapter, type VenueOrder } from '@livegate/binance';
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
import { openLiveOrders, readMode, updateOpen } from './orders.repository.js';
import type { Publisher } from './publisher.js';

export type KillEntry = {
  readonly intentId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly exchangeOrderId: string | null;
  readonly reason: string | null;
};

/** What one sweep did: cancelled on the venue, not open there (filled, or never placed), failed. */
export interface KillReport {
  readonly cancelled: KillEntry[];
  readonly notOpen: KillEntry[];
  readonly failed: KillEntry[];
}

export interface KillSwitch {
  /** Cancels every open live order: cancelAllOpenOrders per symbol, then one by one; audited and logged. */
  sweep(trigger: Record<string, string | number>): Promise<KillReport>;
  /** After a live order came to rest: sweeps if trading is halted now (the order raced the kill). */
  cancelIfHalted(row: ExecutionOrderRow): Promise<void>;
}

const entry = (
  row: ExecutionOrderRow,
  extra: { exchangeOrderId?: string; reason?: string },
): KillEntry => ({
  intentId: row.intent_id,
  clientOrderId: row.client_order_id,
  symbol: row.symbol,
  exchangeOrderId: extra.exchangeOrderId ?? row.exchange_order_id,
  reason: extra.reason ?? null,
});

export function createKillSwitch({
  db,
  live,
  publisher,
  logger,
  now,
}: {
  db: Db;
  live: BinanceSpotAdapter;
  publisher: Publisher;
  logger: Logger;
  now: () => number;
}): KillSwitch {
  /** The cancel answer becomes the row's state, unless the row was settled meanwhile. */
  async function markCanceled(row: ExecutionOrderRow, order: VenueOrder): Promise<void> {
    const events = await db.transaction().execute(async (trx) => {
      const at = now();
      const updated = await updateOpen(trx, {
        intentId: row.intent_id,
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

  async function cancelBySymbol(
    rows: ExecutionOrderRow[],
    report: KillReport,
  ): Promise<Set<string>> {
    const handled = new Set<string>();
    for (const symbol of new Set(rows.map((r) => r.symbol))) {
      const result = await live.cancelAllOpenOrders(symbol);
      if (result.kind !== 'ok') {
        logger.warn(
          { symbol, outcome: result.kind, reason: result.message },
          'kill switch: cancelAllOpenOrders failed',
        );
        continue;
      }
      for (const order of result.value) {
        const row = rows.find((r) => r.client_order_id === order.clientOrderId);
        if (row === undefined) continue;
        await markCanceled(row, order);
        handled.add(row.intent_id);
        report.cancelled.push(entry(row, { exchangeOrderId: order.orderId }));
      }
    }
    return handled;
  }

  async function cancelOne(row: ExecutionOrderRow, report: KillReport): Promise<void> {
    const result = await live.cancelOrder({
      symbol: row.symbol,
      clientOrderId: row.client_order_id,
    });
    if (result.kind === 'ok') {
      await markCanceled(row, result.value);
      report.cancelled.push(entry(row, { exchangeOrderId: result.value.orderId }));
    } else if (result.kind === 'not-found') {
      report.notOpen.push(entry(row, { reason: result.message }));
    } else {
      report.failed.push(entry(row, { reason: result.message }));
    }
  }

  async function sweep(trigger: Record<string, string | number>): Promise<KillReport> {
    const rows = await openLiveOrders(db);
    const report: KillReport = { cancelled: [], notOpen: [], failed: [] };
    const handled = await cancelBySymbol(rows, report);
    for (const row of rows) if (!handled.has(row.intent_id)) await cancelOne(row, report);
    const audit = await appendAudit(db, {
      kind: 'execution.kill_cancelled',
      actor: AUDIT_ACTOR,
      details: {
        trigger,
        cancelled: [...report.cancelled],
        notOpen: [...report.notOpen],
        failed: [...report.failed],
      },
    });
    await publisher.announce({ events: [], audits: [audit] });
    logger.warn(
      { cancelled: report.cancelled, notOpen: report.notOpen.length, failed: report.failed.length },
      `kill switch: cancelled ${report.cancelled.length} open live order(s)`,
    );
    return report;
  }

  return {
    sweep,
    async cancelIfHalted(row) {
      if ((await readMode(db)) !== 'HALTED') return;
      await sweep({
        reason: 'a live order came to rest after trading was halted',
        intentId: row.intent_id,
      });
    },
  };
}
