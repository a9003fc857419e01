import { appendAudit, type TradingStateRow } from '@livegate/db';
import type { Clock } from './clock.js';
import type { ArmingRules } from './config.js';
import type { Db, Trx } from './db.js';
import { expireIfDue } from './expiry.js';
import { recordOperatorFailure } from './operator-failures.repository.js';
import { rateLimitRefusal } from './rate-limit.js';
import { lockTradingState } from './trading-state.repository.js';
import type { Decision, Effects, VerbCall, VerbOutcome } from './verb-outcome.js';

export interface VerbContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly rules: ArmingRules;
}

export interface DecideInput {
  readonly trx: Trx;
  /** Locked FOR UPDATE, and already disarmed if its session had expired. */
  readonly state: TradingStateRow;
  readonly now: Date;
}

const RATE_LIMITED_VERBS = new Set(['request', 'confirm']);

/**
 * One transaction per verb: lock the trading state, disarm an expired session, check the operator's
 * rate limit (request/confirm), decide, and write the decision's audit row — or, for a refusal, only
 * the refusal's audit row (and a failure for the rate limit). Nothing is published here.
 */
export async function runVerb<T>(
  ctx: VerbContext,
  call: VerbCall,
  decide: (input: DecideInput) => Promise<Decision<T>>,
): Promise<VerbOutcome<T>> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const effects: Effects = { audits: [], modeChanges: [] };
    let state = await lockTradingState(trx);
    const expired = await expireIfDue(trx, state, now);
    if (expired !== undefined) {
      state = expired.state;
      effects.audits.push(expired.audit);
      effects.modeChanges.push(expired.event);
    }
    const limited = RATE_LIMITED_VERBS.has(call.verb);
    const limit = limited ? await rateLimitRefusal(trx, call.operator, now, ctx.rules) : undefined;
    const decision: Decision<T> =
      limit !== undefined ? { ok: false, error: limit } : await decide({ trx, state, now });
    if (!decision.ok) {
      if (limited && limit === undefined) {
        await recordOperatorFailure(trx, {
          operator: call.operator,
          verb: call.verb,
          code: decision.error.code,
          at: now,
        });
      }
      const audit = await appendAudit(trx, {
        kind: 'arming.refused',
        actor: call.operator,
        details: { verb: call.verb, ...decision.error, ...decision.details },
      });
      effects.audits.push(audit);
      return { reply: { ok: false, error: decision.error }, effects, state };
    }
    effects.audits.push(await appendAudit(trx, decision.audit));
    if (decision.change !== undefined) effects.modeChanges.push(decision.change.event);
    return {
      reply: { ok: true, result: decision.result },
      effects,
      state: decision.change?.state ?? state,
    };
  });
}
