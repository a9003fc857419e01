import type { VenueTrade } from '@livegate/binance';
import {
  appendAudit,
  eventStamp,
  insertFills,
  insertOrderEvent,
  orderEventFromRow,
  type AuditRow,
  type ExecutionOrderRow,
} from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Db, Trx } from './db.js';
import { updateIfUnchanged } from './orders.repository.js';
import type { Publisher } from './publisher.js';
import { describeFailure } from './run-error.js';
import { isUnresolved, type RowPlan } from './row-plan.js';
import { addError, countChange, type Tally } from './tally.js';

export const AUDIT_ACTOR = 'reconciler';

export interface ApplyContext {
  readonly db: Db;
  readonly publisher: Publisher;
  readonly logger: Logger;
  readonly now: () => number;
  readonly runId: string;
  readonly tally: Tally;
}

function auditChange(
  trx: Trx,
  runId: string,
  before: ExecutionOrderRow,
  after: ExecutionOrderRow,
  fillsAdded: number,
): Promise<AuditRow> {
  return appendAudit(trx, {
    kind: 'reconcile.order_changed',
    actor: AUDIT_ACTOR,
    subject: after.intent_id,
    details: {
      runId,
      intentId: after.intent_id,
      clientOrderId: after.client_order_id,
      venue: after.venue,
      from: before.state,
      to: after.state,
      exchangeOrderId: after.exchange_order_id,
      executedQty: after.executed_qty,
      fillsAdded,
    },
  });
}

/**
 * Commits a row's plan in one transaction — the row (only if nobody changed it since it was read),
 * the new fills, the order event, and an audit row for a live order — then publishes. A row changed
 * meanwhile is left to its writer.
 */
export async function applyPlan(
  ctx: ApplyContext,
  row: ExecutionOrderRow,
  plan: RowPlan,
  trades: readonly VenueTrade[] = [],
): Promise<void> {
  const { tally, logger } = ctx;
  if (plan.error !== undefined) addError(tally, plan.error);
  const patch = plan.patch;
  if (patch === undefined) {
    if (plan.unresolved) tally.unresolved += 1;
    return;
  }
  const done = await ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now();
    const updated = await updateIfUnchanged(trx, { row, patch, now: at });
    if (updated === undefined) return undefined;
    const fills = await insertFills(trx, updated, trades);
    const events =
      plan.event === undefined
        ? []
        : [orderEventFromRow(updated, plan.event, eventStamp(at), fills)];
    for (const event of events) await insertOrderEvent(trx, event);
    const audits =
      updated.mode === 'live' && plan.event !== undefined
        ? [await auditChange(trx, ctx.runId, row, updated, fills.length)]
        : [];
    return { updated, fills, events, audits };
  });
  if (done === undefined) {
    logger.info(
      { intentId: row.intent_id, state: row.state },
      'the row changed since it was read; left to its writer',
    );
    if (plan.unresolved || isUnresolved(row)) tally.unresolved += 1;
    return;
  }
  if (plan.unresolved) tally.unresolved += 1;
  tally.fillsAdded += done.fills.length;
  if (plan.event !== undefined) {
    countChange(tally, row.state, done.updated.state);
    logger.info(
      {
        intentId: row.intent_id,
        from: row.state,
        to: done.updated.state,
        fills: done.fills.length,
      },
      'order reconciled',
    );
  }
  try {
    await ctx.publisher.announce(done);
  } catch (err) {
    logger.error({ err, intentId: row.intent_id }, 'publishing the order event failed');
    addError(tally, {
      code: 'PUBLISH_FAILED',
      message: `The change of intent ${row.intent_id} is stored, but its event was not published: ${describeFailure(err)}`,
    });
  }
}
