import type { ArmingRules } from './config.js';
import type { Trx } from './db.js';
import { recentFailureTimes } from './operator-failures.repository.js';
import { refuse, type Refusal } from './refusal.js';

/**
 * RATE_LIMITED while the operator has `failureLimit` refused request/confirm calls inside the last
 * `failureWindowMs`; the refusal says when the oldest of them leaves the window.
 */
export async function rateLimitRefusal(
  trx: Trx,
  operator: string,
  now: Date,
  rules: Pick<ArmingRules, 'failureLimit' | 'failureWindowMs'>,
): Promise<Refusal | undefined> {
  const since = new Date(now.getTime() - rules.failureWindowMs);
  const times = await recentFailureTimes(trx, operator, since, rules.failureLimit);
  const oldest = times[rules.failureLimit - 1];
  if (oldest === undefined) return undefined;
  const retryAt = new Date(oldest.getTime() + rules.failureWindowMs);
  return refuse(
    'RATE_LIMITED',
    `Too many refused arming attempts (${rules.failureLimit} within ${rules.failureWindowMs / 1000} s); try again after ${retryAt.toISOString()}.`,
  );
}
