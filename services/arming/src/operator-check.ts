import type { Queryable } from './db.js';
import { refuse, type Refusal } from './refusal.js';
import type { DecideInput } from './run-verb.js';
import type { Decision } from './verb-outcome.js';

/**
 * Why the operator a request names may not act, or `undefined` when they may: they must be in
 * `auth.operators` (the gateway's table, read-only here), enabled, and hold the `operator` role.
 */
export async function operatorRefusal(
  db: Queryable,
  operator: string,
): Promise<Refusal | undefined> {
  const row = await db
    .selectFrom('auth.operators')
    .select(['role', 'disabled_at'])
    .where('name', '=', operator)
    .executeTakeFirst();
  if (row === undefined) {
    return refuse('OPERATOR_UNKNOWN', `${operator} is not an operator of this installation.`);
  }
  if (row.disabled_at !== null) return refuse('OPERATOR_DISABLED', `${operator} is disabled.`);
  if (row.role !== 'operator') {
    return refuse('OPERATOR_NOT_ALLOWED', `${operator} does not hold the operator role.`);
  }
  return undefined;
}

/**
 * A verb's decision, run only for an enabled operator: the check reads `auth.operators` in the verb's
 * transaction (after the trading-state lock), and a refusal is audited under the claimed name with
 * `operatorVerified: false`. Every `arming.<verb>` request on the bus goes through it; an
 * out-of-band caller that is not a person (the halt CLI, actor `cli:<user>`) calls `runVerb` with
 * the bare decision instead.
 */
export function forVerifiedOperator<T>(
  operator: string,
  decide: (input: DecideInput) => Promise<Decision<T>>,
): (input: DecideInput) => Promise<Decision<T>> {
  return async function decideForVerifiedOperator(input) {
    const refusal = await operatorRefusal(input.trx, operator);
    if (refusal !== undefined) {
      return { ok: false, error: refusal, details: { operatorVerified: false } };
    }
    return decide(input);
  };
}
