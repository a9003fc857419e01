import { randomUUID } from 'node:crypto';
import type { ArmingRequest, ModeSnapshot } from '@livegate/contracts';
import type { ArmTokenRow, JsonObject, TradingStateRow } from '@livegate/db';
import { hashArmToken } from './arm-token.js';
import type { ArmingRules } from './config.js';
import { armableRefusal, checkToken, checkTokenShape } from './confirm-checks.js';
import type { Trx } from './db.js';
import { insertLiveSession } from './live-sessions.repository.js';
import { changeMode } from './mode-change.js';
import { isReconcileBlocked } from './reconcile-gate.repository.js';
import type { DecideInput } from './run-verb.js';
import { readSnapshot } from './snapshot.js';
import { findArmTokenForUpdate, markArmTokenUsed } from './tokens.repository.js';
import type { Decision } from './verb-outcome.js';

type ConfirmRules = Pick<ArmingRules, 'sessionMaxMs' | 'requireSecondOperator'>;

/**
 * `arming.confirm`: checks the token, the phrase, the mode and the reconcile gate; then uses the
 * token, starts a session of `sessionMaxMs` and goes LIVE. A refusal leaves the token as it was.
 */
export async function decideConfirm(
  input: DecideInput,
  req: ArmingRequest<'confirm'>,
  rules: ConfirmRules,
): Promise<Decision<ModeSnapshot>> {
  const { trx, state, now } = input;
  const shape = checkTokenShape(req.token);
  if (!shape.ok) return shape;
  const row = await findArmTokenForUpdate(trx, hashArmToken(shape.value));
  const details: JsonObject = row === undefined ? {} : { tokenId: row.id };
  const token = checkToken({
    row,
    operator: req.operator,
    now,
    requireSecondOperator: rules.requireSecondOperator,
  });
  if (!token.ok) return { ...token, details };
  const refusal = armableRefusal({
    confirmation: req.confirmation,
    mode: state.mode,
    reconcileBlocked: await isReconcileBlocked(trx),
  });
  if (refusal !== undefined) return { ok: false, error: refusal, details };
  return arm(trx, state, now, token.value, req.operator, rules);
}

async function arm(
  trx: Trx,
  state: TradingStateRow,
  now: Date,
  token: ArmTokenRow,
  operator: string,
  rules: ConfirmRules,
): Promise<Decision<ModeSnapshot>> {
  const sessionId = randomUUID();
  const expiresAt = new Date(now.getTime() + rules.sessionMaxMs);
  await markArmTokenUsed(trx, token.id, operator, now);
  await insertLiveSession(trx, {
    id: sessionId,
    tokenId: token.id,
    operator,
    requestedBy: token.operator,
    reason: token.reason,
    startedAt: now,
    expiresAt,
  });
  const change = await changeMode(
    trx,
    state,
    {
      mode: 'LIVE',
      session_id: sessionId,
      expires_at: expiresAt,
      halted_by: null,
      halt_reason: null,
    },
    { operator, reason: token.reason, at: now },
  );
  return {
    ok: true,
    result: await readSnapshot(trx),
    change,
    audit: {
      kind: 'arming.confirmed',
      actor: operator,
      subject: sessionId,
      details: {
        tokenId: token.id,
        sessionId,
        requestedBy: token.operator,
        expiresAt: expiresAt.toISOString(),
        version: change.state.version,
      },
    },
  };
}
