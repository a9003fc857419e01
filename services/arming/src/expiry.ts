import type { AuditRow, TradingStateRow } from '@livegate/db';
import { appendAudit } from '@livegate/db';
import type { Trx } from './db.js';
import { dueForExpiry } from './live-window.js';
import { endLiveSession } from './live-sessions.repository.js';
import { changeMode, PAPER_STATE, type ModeChange } from './mode-change.js';

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
