import type { AuditRow, TradingStateRow } from '@livegate/db';
import { appendAudit } from '@livegate/db';
import type { Clock } from './clock.js';
import type { Db, Trx } from './db.js';
import { dueForExpiry } from './live-window.js';
import { endLiveSession } from './live-sessions.repository.js';
import { changeMode, PAPER_STATE, type ModeChange } from './mode-change.js';
import { lockTradingState, readTradingState } from './trading-state.repository.js';
import type { Effects } from './verb-outcome.js';

/** Who disarms an expired session. */
export const SYSTEM_OPERATOR = 'system';

export interface Expired extends ModeChange {
  readonly audit: AuditRow;
}

/** Inside the caller's transaction (state already locked): disarms an expired session, else nothing. */
export async function expireIfDue(
  trx: Trx,
  state: TradingStateRow,
  now: Date,
): Promise<Expired | undefined> {
  const due = dueForExpiry(state, now);
  if (due === undefined) return undefined;
  await endLiveSession(trx, due.sessionId, { at: now, by: SYSTEM_OPERATOR, reason: 'expired' });
  const change = await changeMode(trx, state, PAPER_STATE, {
    operator: SYSTEM_OPERATOR,
    reason: 'Live session expired.',
    at: now,
  });
  const audit = await appendAudit(trx, {
    kind: 'arming.expired',
    actor: SYSTEM_OPERATOR,
    subject: due.sessionId,
    details: {
      sessionId: due.sessionId,
      expiresAt: due.expiresAt.toISOString(),
      version: change.state.version,
    },
  });
  return { ...change, audit };
}

export interface ExpiryCheck {
  readonly effects: Effects;
  readonly state: TradingStateRow;
}

/**
 * Disarms the session if it has expired. Looks first without a lock, so the frequent case (nothing
 * due) never queues behind execution's `FOR SHARE` readers; only a due session takes the row
 * `FOR UPDATE` and is checked again under the lock.
 */
export async function checkSessionExpiry(db: Db, clock: Clock): Promise<ExpiryCheck> {
  const current = await readTradingState(db);
  if (dueForExpiry(current, clock.now()) === undefined) {
    return { effects: { audits: [], modeChanges: [] }, state: current };
  }
  return db.transaction().execute(async (trx) => {
    const locked = await lockTradingState(trx);
    const expired = await expireIfDue(trx, locked, clock.now());
    if (expired === undefined) return { effects: { audits: [], modeChanges: [] }, state: locked };
    return {
      effects: { audits: [expired.audit], modeChanges: [expired.event] },
      state: expired.state,
    };
  });
}
