import { clientOrderIdFor } from '@livegate/binance';
import {
  intentFingerprint,
  intentKeyString,
  type OrderEvent,
  type OrderIntent,
} from '@livegate/contracts';
import {
  dbNow,
  eventStamp,
  insertOrderEvent,
  orderEventFromRow,
  type AuditRow,
  type ExecutionOrderRow,
} from '@livegate/db';
import { auditRefusal } from './audits.js';
import { sql } from 'kysely';
import type { Db, Trx } from './db.js';
import { armingOf, decideNewIntent, type NewIntentDecision } from './intent-checks.js';
import { refusalEvent } from './order-events.js';
import { rowFromIntent } from './order-row.js';
import { findOrder, insertOrder, readTradingStateForShare } from './orders.repository.js';

export interface StoreContext {
  readonly db: Db;
  readonly now: () => number;
  readonly instanceId: string;
  readonly intentMaxAgeMs: number;
  /** How far ahead of the database's clock an intent's createdAt may be. */
  readonly intentFutureMarginMs: number;
  readonly leaseMs: number;
  /** recvWindow of the venue the intent's mode goes to. */
  readonly recvWindowMs: number;
  /** Store a first-seen intent refused with this code, whatever else holds (a dead letter). */
  readonly refuseAs?: { readonly code: 'DEAD_LETTER'; readonly message: string };
}

export type Stored =
  /** New row, SUBMITTING, leased to this instance: send it. */
  | {
      readonly kind: 'accepted';
      readonly row: ExecutionOrderRow;
      readonly events: OrderEvent[];
      readonly audits: AuditRow[];
    }
  /** New row stored REJECTED (NOT_ARMED, HALTED, STALE). */
  | {
      readonly kind: 'refused';
      readonly row: ExecutionOrderRow;
      readonly events: OrderEvent[];
      readonly audits: AuditRow[];
    }
  /** The key exists with other economic fields: refused, the stored row untouched. */
  | {
      readonly kind: 'reused';
      readonly row: ExecutionOrderRow;
      readonly events: OrderEvent[];
      readonly audits: AuditRow[];
    }
  /** The key exists with the same fingerprint: never send again, attach to it. */
  | { readonly kind: 'existing'; readonly row: ExecutionOrderRow };

/**
 * An accepted row's commit need not wait for the disk (issue 12, pipeline speed): nothing outside the
 * database acts on it but the `order.accepted` event (republished on redelivery) until the fenced
 * step, whose own commit is synchronous and flushes the write-ahead log in order, this commit
 * included, before any request is signed. A database crash before that flush loses the row, and the
 * unacked message stores it again; a refusal (the final outcome, with its audit row) stays synchronous.
 */
async function relaxCommit(trx: Trx): Promise<void> {
  await sql`select set_config('synchronous_commit', 'off', true)`.execute(trx);
}

/**
 * DESIGN.md §4 step 2 in one transaction, on the database's clock: for a live intent the trading state
 * is read FOR SHARE (a disarm or kill that commits first wins), then the row is inserted keyed by
 * intentId, or the existing row is compared by fingerprint. Events and audit rows are written in the
 * same transaction. Accepting is not sending: the fenced step decides that, after the pre-trade reads.
 */
export function storeIntent(ctx: StoreContext, intent: OrderIntent): Promise<Stored> {
  const fingerprint = intentFingerprint(intent);
  return ctx.db.transaction().execute(async (trx): Promise<Stored> => {
    const state = intent.mode === 'live' ? await readTradingStateForShare(trx) : undefined;
    const now = state === undefined ? await dbNow(trx) : state.now;
    const decision: NewIntentDecision = ctx.refuseAs
      ? { state: 'REJECTED', ...ctx.refuseAs }
      : decideNewIntent({
          intent,
          arming:
            state === undefined
              ? undefined
              : armingOf(
                  { mode: state.mode, session_id: state.sessionId, expires_at: state.expiresAt },
                  now,
                ),
          now,
          maxAgeMs: ctx.intentMaxAgeMs,
          futureMarginMs: ctx.intentFutureMarginMs,
        });
    const row = await insertOrder(
      trx,
      rowFromIntent(intent, {
        fingerprint,
        clientOrderId: clientOrderIdFor(intentKeyString(intent)),
        venue: intent.mode,
        decision,
        instanceId: ctx.instanceId,
        now,
        leaseMs: ctx.leaseMs,
        recvWindowMs: ctx.recvWindowMs,
      }),
    );
    if (row === undefined) {
      const existing = (await findOrder(trx, intent)) as ExecutionOrderRow;
      if (existing.fingerprint === fingerprint) return { kind: 'existing', row: existing };
      const message = `The intent id ${intent.intentId} was already used for an order with other economic fields; the stored order is unchanged.`;
      const refusal = {
        intentId: intent.intentId,
        mode: intent.mode,
        venue: intent.mode,
        code: 'IDEMPOTENCY_KEY_REUSED' as const,
        message,
      };
      return {
        kind: 'reused',
        row: existing,
        events: [
          refusalEvent(
            { ...refusal, source: intent.source, clientOrderId: existing.client_order_id },
            eventStamp(ctx.now()),
          ),
        ],
        audits: [await auditRefusal(trx, refusal, ctx.instanceId)],
      };
    }
    if (decision.state === 'SUBMITTING') {
      const event = orderEventFromRow(row, { type: 'order.accepted' }, eventStamp(ctx.now()));
      await insertOrderEvent(trx, event);
      await relaxCommit(trx);
      return { kind: 'accepted', row, events: [event], audits: [] };
    }
    const event = orderEventFromRow(
      row,
      { type: 'order.rejected', code: decision.code, message: decision.message },
      eventStamp(ctx.now()),
    );
    await insertOrderEvent(trx, event);
    const refusal = {
      intentId: row.intent_id,
      mode: row.mode,
      venue: row.venue,
      code: decision.code,
      message: decision.message,
    };
    return {
      kind: 'refused',
      row,
      events: [event],
      audits: [await auditRefusal(trx, refusal, ctx.instanceId)],
    };
  });
}
