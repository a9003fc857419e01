import type { ArmingRequest, ModeSnapshot } from '@livegate/contracts';
import { endLiveSession } from './live-sessions.repository.js';
import { liveWindow } from './live-window.js';
import { changeMode, PAPER_STATE } from './mode-change.js';
import { refuse } from './refusal.js';
import { voidOpenTokens } from './tokens.repository.js';
import type { DecideInput } from './run-verb.js';
import { readSnapshot } from './snapshot.js';
import type { Decision } from './verb-outcome.js';

/** `arming.disarm`: ends the live session, back to PAPER. Refused unless LIVE. */
export async function decideDisarm(
  { trx, state, now }: DecideInput,
  req: ArmingRequest<'disarm'>,
): Promise<Decision<ModeSnapshot>> {
  if (state.mode === 'HALTED') return { ok: false, error: refuse('HALTED') };
  const live = liveWindow(state);
  if (live === undefined) return { ok: false, error: refuse('NOT_LIVE') };
  const reason = req.reason ?? 'Disarmed by operator.';
  await endLiveSession(trx, live.sessionId, { at: now, by: req.operator, reason });
  const change = await changeMode(trx, state, PAPER_STATE, {
    operator: req.operator,
    reason,
    at: now,
  });
  return {
    ok: true,
    result: await readSnapshot(trx),
    change,
    audit: {
      kind: 'arming.disarmed',
      actor: req.operator,
      subject: live.sessionId,
      details: { sessionId: live.sessionId, reason, version: change.state.version },
    },
  };
}

/**
 * `arming.kill`: latches HALTED (ending a live session) until `release`, and voids every outstanding
 * arm token. Killing while already HALTED changes nothing but is still audited (and voids tokens).
 */
export async function decideKill(
  { trx, state, now }: DecideInput,
  req: ArmingRequest<'kill'>,
): Promise<Decision<ModeSnapshot>> {
  const tokensVoided = await voidOpenTokens(trx, now);
  if (state.mode === 'HALTED') {
    return {
      ok: true,
      result: await readSnapshot(trx),
      audit: {
        kind: 'arming.killed',
        actor: req.operator,
        details: { reason: req.reason, alreadyHalted: true, version: state.version, tokensVoided },
      },
    };
  }
  const live = liveWindow(state);
  if (live !== undefined) {
    await endLiveSession(trx, live.sessionId, {
      at: now,
      by: req.operator,
      reason: `killed: ${req.reason}`,
    });
  }
  const change = await changeMode(
    trx,
    state,
    { ...PAPER_STATE, mode: 'HALTED', halted_by: req.operator, halt_reason: req.reason },
    { operator: req.operator, reason: req.reason, at: now },
  );
  return {
    ok: true,
    result: await readSnapshot(trx),
    change,
    audit: {
      kind: 'arming.killed',
      actor: req.operator,
      details: {
        reason: req.reason,
        previousMode: state.mode,
        sessionId: live?.sessionId ?? null,
        version: change.state.version,
        tokensVoided,
      },
    },
  };
}

/** `arming.release`: leaves HALTED for PAPER. Refused unless HALTED. */
export async function decideRelease(
  { trx, state, now }: DecideInput,
  req: ArmingRequest<'release'>,
): Promise<Decision<ModeSnapshot>> {
  if (state.mode !== 'HALTED') return { ok: false, error: refuse('NOT_HALTED') };
  const change = await changeMode(trx, state, PAPER_STATE, {
    operator: req.operator,
    reason: req.reason,
    at: now,
  });
  return {
    ok: true,
    result: await readSnapshot(trx),
    change,
    audit: {
      kind: 'arming.released',
      actor: req.operator,
      details: {
        reason: req.reason,
        haltedBy: state.halted_by,
        haltReason: state.halt_reason,
        version: change.state.version,
      },
    },
  };
}
