import { venueOrderToRow, type VenueOrder } from '@livegate/binance';
import type { MessageControl } from '@livegate/bus';
import {
  isTerminalOrderState,
  lastSubjectToken,
  type CancelOutcome,
  type OrderCancel,
} from '@livegate/contracts';
import {
  appendAudit,
  cancelOutcomeEventFromRow,
  eventStamp,
  insertOrderEvent,
  orderEventFromRow,
  type ExecutionOrderRow,
} from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { AUDIT_ACTOR } from './audits.js';
import { claimCancel, resolveCancel } from './cancels.repository.js';
import type { Db } from './db.js';
import { findOrder, keyOf, updateOpen } from './orders.repository.js';
import type { Publisher } from './publisher.js';
import { waitingOutRetryAfter } from './retry-after.js';
import { ACK, nak, whileWorking, type Verdict } from './verdict.js';
import type { ExecutionTiming, Venues, WorkDeps } from './work-deps.js';

export interface CancelHandlerDeps {
  readonly db: Db;
  readonly publisher: Publisher;
  readonly venues: Venues;
  readonly logger: Logger;
  readonly now: () => number;
  readonly monotonic: () => number;
  readonly instanceId: string;
  readonly leaseMs: number;
  readonly timing: ExecutionTiming;
  readonly crash: WorkDeps['crash'];
}

/** Placement not known yet: the cancel waits (bounded by `timing.cancelWaitMs`) for it to resolve. */
const UNRESOLVED = new Set(['SUBMITTING', 'UNKNOWN']);

interface Ending {
  readonly outcome: CancelOutcome;
  readonly finalState: string | null;
  readonly message: string;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The `orders.cancel.<source>` handler (issue 13). The cancel is recorded by (source, cancelId) before
 * anything else, and leased, so a replayed or redelivered message — here or on another instance — never
 * sends a second venue cancel once one has ended. An order still SUBMITTING or UNKNOWN is waited for
 * (bounded); a finished one is answered with its final state; a resting one goes PENDING_CANCEL (an
 * event), then the venue cancel decides: CANCELED, or the state it had reached (FILLED) when the venue
 * no longer had it open. Every outcome, refusals included, is published after its commit on
 * `orders.cancel-outcome.<source>.<cancelId>` for the strategy that sent it, built from the stored row;
 * a repeated cancel publishes that stored outcome again (a lost publish is made good by the
 * redelivery). Nothing here reads the trading mode: a cancel never places anything, so it works in
 * PAPER, LIVE and HALTED alike.
 */
export function createCancelHandler(deps: CancelHandlerDeps) {
  const { db, publisher, logger } = deps;

  async function finish(
    cancel: OrderCancel,
    source: string,
    ending: Ending,
    row?: ExecutionOrderRow,
  ): Promise<Verdict> {
    const { audit, stored } = await db.transaction().execute(async (trx) => {
      const stored = await resolveCancel(trx, { source, cancelId: cancel.cancelId, ...ending });
      const audit = await appendAudit(trx, {
        kind: 'execution.order_cancel',
        actor: AUDIT_ACTOR,
        subject: cancel.intentId,
        details: {
          source,
          cancelId: cancel.cancelId,
          intentId: cancel.intentId,
          requestedBy: cancel.requestedBy,
          reason: cancel.reason ?? null,
          mode: row?.mode ?? null,
          outcome: ending.outcome,
          finalState: ending.finalState,
          message: ending.message,
        },
      });
      return { audit, stored };
    });
    await deps.crash('after-cancel-commit');
    // The stored outcome, not `ending`: another instance may have ended this cancel first.
    await publisher.announce({
      events: [],
      audits: [audit],
      cancels: [cancelOutcomeEventFromRow(stored)],
    });
    logger.info(
      { source, cancelId: cancel.cancelId, intentId: cancel.intentId, ...ending },
      'cancel ended',
    );
    return ACK;
  }

  /** Writes the venue's answer on the row (unless it is final already) with its event; the row after. */
  async function settle(row: ExecutionOrderRow, order: VenueOrder): Promise<ExecutionOrderRow> {
    const events = await db.transaction().execute(async (trx) => {
      const at = deps.now();
      const changed = await updateOpen(trx, {
        key: keyOf(row),
        now: at,
        patch: venueOrderToRow(order),
      });
      const written = changed.map((r) =>
        orderEventFromRow(
          r,
          { type: r.state === 'CANCELED' ? 'order.canceled' : 'order.updated' },
          eventStamp(at),
        ),
      );
      for (const event of written) await insertOrderEvent(trx, event);
      return written;
    });
    await publisher.announce({ events, audits: [] });
    return (await findOrder(db, keyOf(row))) as ExecutionOrderRow;
  }

  /** A resting NEW / PARTIALLY_FILLED row goes PENDING_CANCEL, announced; one already so stays. */
  async function markPending(row: ExecutionOrderRow): Promise<void> {
    const events = await db.transaction().execute(async (trx) => {
      const at = deps.now();
      const changed = await trx
        .updateTable('execution.orders')
        .set({ state: 'PENDING_CANCEL', updated_at: new Date(at) })
        .where('source', '=', row.source)
        .where('intent_id', '=', row.intent_id)
        .where('state', 'in', ['NEW', 'PARTIALLY_FILLED'])
        .returningAll()
        .execute();
      const written = changed.map((r) =>
        orderEventFromRow(r, { type: 'order.updated' }, eventStamp(at)),
      );
      for (const event of written) await insertOrderEvent(trx, event);
      return written;
    });
    await publisher.announce({ events, audits: [] });
  }

  /** The row once its placement has resolved, or as it stands when the bounded wait ends. */
  async function resolved(row: ExecutionOrderRow): Promise<ExecutionOrderRow> {
    const deadline = deps.monotonic() + deps.timing.cancelWaitMs;
    let current = row;
    while (UNRESOLVED.has(current.state) && deps.monotonic() < deadline) {
      await delay(deps.timing.lookupRetryMs);
      current = (await findOrder(db, keyOf(row))) as ExecutionOrderRow;
    }
    return current;
  }

  const ended = (row: ExecutionOrderRow): Ending =>
    row.state === 'CANCELED'
      ? { outcome: 'CANCELED', finalState: 'CANCELED', message: 'The order is cancelled.' }
      : {
          outcome: 'FINAL',
          finalState: row.state,
          message: `The order is ${row.state}: it ended before the cancel reached it, nothing was cancelled.`,
        };

  async function cancelAtVenue(cancel: OrderCancel, row: ExecutionOrderRow): Promise<Verdict> {
    await markPending(row);
    const venue = deps.venues[row.mode];
    const ref = { symbol: row.symbol, clientOrderId: row.client_order_id };
    const answer = await waitingOutRetryAfter({ logger, sleep: delay }, 'cancelOrder', () =>
      venue.cancelOrder(ref),
    );
    if (answer.kind === 'ok')
      return finish(cancel, row.source, ended(await settle(row, answer.value)), row);
    const seen = answer.kind === 'not-found' ? await venue.getOrder(ref) : answer;
    if (seen.kind === 'ok')
      return finish(cancel, row.source, ended(await settle(row, seen.value)), row);
    return finish(
      cancel,
      row.source,
      {
        outcome: 'VENUE_FAILED',
        finalState: 'PENDING_CANCEL',
        message: `The venue did not confirm the cancel (${seen.message}); the order stays PENDING_CANCEL until the reconciler reads it — cancel again to retry.`,
      },
      row,
    );
  }

  async function work(cancel: OrderCancel, source: string): Promise<Verdict> {
    const claim = await claimCancel(db, {
      cancel,
      source,
      instanceId: deps.instanceId,
      leaseMs: deps.leaseMs,
    });
    if (claim.kind === 'done') {
      logger.info(
        { source, cancelId: cancel.cancelId, outcome: claim.row.outcome },
        'repeated cancel: it has ended already, nothing sent; its stored outcome published again',
      );
      await publisher.announce({
        events: [],
        audits: [],
        cancels: [cancelOutcomeEventFromRow(claim.row)],
      });
      return ACK;
    }
    if (claim.kind === 'busy') return nak(deps.timing.leaseBusyRetryMs);
    if (cancel.source !== source) {
      return finish(cancel, source, {
        outcome: 'SOURCE_MISMATCH',
        finalState: null,
        message: `The cancel names source "${cancel.source}" but was sent on the subject of "${source}"; a strategy cancels only its own orders.`,
      });
    }
    const found = await findOrder(db, { source, intentId: cancel.intentId });
    if (found === undefined) {
      return finish(cancel, source, {
        outcome: 'UNKNOWN_INTENT',
        finalState: null,
        message: `Unknown intent: no order of source "${source}" has intentId ${cancel.intentId}.`,
      });
    }
    const row = await resolved(found);
    if (UNRESOLVED.has(row.state)) {
      return finish(
        cancel,
        source,
        {
          outcome: 'NOT_RESOLVED',
          finalState: row.state,
          message: `The placement was still ${row.state} after ${deps.timing.cancelWaitMs} ms; nothing was cancelled — cancel again once it has resolved.`,
        },
        row,
      );
    }
    if (isTerminalOrderState(row.state)) return finish(cancel, source, ended(row), row);
    return cancelAtVenue(cancel, row);
  }

  // Two copies of one cancel in this process: the lease is this instance's for both, so the second waits.
  const inWork = new Set<string>();

  return async function handleCancel(cancel: OrderCancel, ctl: MessageControl): Promise<void> {
    const source = lastSubjectToken(ctl.subject);
    const id = `${source}:${cancel.cancelId}`;
    if (inWork.has(id)) {
      ctl.nak(deps.timing.leaseBusyRetryMs);
      return;
    }
    inWork.add(id);
    const verdict = await whileWorking(ctl, deps.timing.workingEveryMs, () =>
      work(cancel, source),
    ).finally(() => inWork.delete(id));
    if (verdict.kind === 'ack') await ctl.ack();
    else ctl.nak(verdict.delayMs);
  };
}
