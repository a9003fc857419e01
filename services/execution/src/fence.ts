import {
  dbNow,
  type AuditRow,
  eventStamp,
  insertOrderEvent,
  orderEventFromRow,
  type ExecutionOrderRow,
} from '@livegate/db';
import { auditLiveSend, auditRefusal } from './audits.js';
import { staleReason } from './intent-checks.js';
import { riskRefusal, type RiskFacts } from './risk-check.js';
import { timingOf } from './order-row.js';
import {
  keyOf,
  markFenced,
  readTradingStateForShare,
  updateLeased,
  type TradingStateRead,
} from './orders.repository.js';
import { LeaseLostError, RELEASE } from './row-commit.js';
import type { WorkDeps } from './work-deps.js';
import type { Announcements } from './publisher.js';

export type FenceRefusalCode = 'HALTED' | 'NOT_ARMED' | 'STALE' | 'RISK_LIMIT' | 'STRATEGY_PAUSED';

interface FenceRefusal {
  readonly code: FenceRefusalCode;
  readonly message: string;
  readonly details?: Record<string, string>;
}

/** Why the trading state, as read in the fence, no longer lets this live row go out. */
export function liveRefusal(
  row: Pick<ExecutionOrderRow, 'live_session_id'>,
  state: TradingStateRead,
): { code: FenceRefusalCode; message: string } | undefined {
  if (state.mode === 'HALTED') {
    return {
      code: 'HALTED',
      message: 'Trading was halted (kill switch) before the order was sent: it was not sent.',
    };
  }
  const armed =
    state.mode === 'LIVE' &&
    state.expiresAt !== null &&
    state.expiresAt.getTime() > state.now &&
    state.sessionId !== null &&
    state.sessionId === row.live_session_id;
  if (armed) return undefined;
  return {
    code: 'NOT_ARMED',
    message:
      'The live session the intent was accepted under ended (disarmed, expired or replaced) before the order was sent: it was not sent.',
  };
}

export type FenceOutcome =
  /** The send is decided: sign and send now, within the send budget from `startedAt`. */
  | { readonly kind: 'fenced'; readonly row: ExecutionOrderRow; readonly startedAt: number }
  /** Refused in the fence (REJECTED, committed): nothing is sent. */
  | { readonly kind: 'refused'; readonly row: ExecutionOrderRow };

/**
 * DESIGN.md §4 step 4, the fenced step, after every pre-trade read: one short transaction re-reads
 * the trading state FOR SHARE (a kill, disarm or expiry that commits first wins, one that commits after
 * waits for this commit), checks freshness and this instance's lease on the database's clock, and
 * records `last_sent_at = now()`, the trading-state version and the send budget. Only after it commits
 * may the request be signed — within `sendBudgetMs` of `startedAt` (taken before the transaction, so
 * never later than the recorded `last_sent_at`). Throws {@link LeaseLostError} when the lease is gone.
 */
export async function fenceSend(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  facts: RiskFacts,
): Promise<FenceOutcome> {
  const startedAt = deps.monotonic();
  const done = await deps.db.transaction().execute(async (trx) => {
    const state = row.mode === 'live' ? await readTradingStateForShare(trx) : undefined;
    const now = state === undefined ? await dbNow(trx) : state.now;
    const stale = staleReason(timingOf(row), now, deps.intentMaxAgeMs);
    const refusal: (FenceRefusal & { audits?: AuditRow[] }) | undefined =
      (state === undefined ? undefined : liveRefusal(row, state)) ??
      (stale === undefined
        ? undefined
        : { code: 'STALE' as const, message: `The order was not sent. ${stale}` }) ??
      (await riskRefusal(trx, row, facts, deps.instanceId));
    await deps.crash('before-fence-commit');
    if (refusal !== undefined) {
      const { audits: riskAudits = [], ...reason } = refusal;
      const refused = await updateLeased(trx, {
        key: keyOf(row),
        instanceId: deps.instanceId,
        now: deps.now(),
        patch: {
          state: 'REJECTED',
          reject_code: reason.code,
          reject_message: reason.message,
          ...RELEASE,
        },
      });
      if (refused === undefined) throw new LeaseLostError(keyOf(row));
      const event = orderEventFromRow(
        refused,
        { type: 'order.rejected', ...reason },
        eventStamp(deps.now()),
      );
      await insertOrderEvent(trx, event);
      const audit = await auditRefusal(
        trx,
        { intentId: row.intent_id, mode: row.mode, venue: row.venue, ...reason },
        deps.instanceId,
      );
      return { row: refused, fenced: false, events: [event], audits: [audit, ...riskAudits] };
    }
    const fenced = await markFenced(trx, {
      key: keyOf(row),
      instanceId: deps.instanceId,
      leaseMs: deps.leaseMs,
      version: state === undefined ? null : state.version,
      sendBudgetMs: deps.sendBudgetMs,
    });
    if (fenced === undefined) throw new LeaseLostError(keyOf(row));
    const audits =
      fenced.mode === 'live' ? [await auditLiveSend(trx, fenced, deps.instanceId)] : [];
    return { row: fenced, fenced: true, events: [], audits };
  });
  const announcements: Announcements = { events: done.events, audits: done.audits };
  await deps.publisher.announce(announcements);
  return done.fenced
    ? { kind: 'fenced', row: done.row, startedAt }
    : { kind: 'refused', row: done.row };
}
