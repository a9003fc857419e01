import type { BudgetExhausted } from '@livegate/binance';
import type { ExecutionOrderRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { auditRefusal } from './audits.js';
import { keyOf } from './orders.repository.js';
import { commitLeased, RELEASE } from './row-commit.js';
import { ACK, type Verdict } from './verdict.js';
import type { WorkDeps } from './work-deps.js';

export const BUDGET_EXHAUSTED_MESSAGE =
  "The venue's request-weight or order budget stayed used up for the whole send budget of the fenced step (or the venue asked everyone to wait): nothing was signed or sent. It is never sent again automatically; send a new intent to try again.";

/**
 * The fenced step committed but the shared budget held the order back past its send budget: the
 * request was never signed, so the order cannot exist. NOT_PLACED (terminal) with RATE_LIMITED, so
 * a strategy learns at once rather than its order leaving minutes later at another price.
 */
export async function notPlacedForBudget(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  log: Logger,
  outcome: BudgetExhausted,
): Promise<Verdict> {
  await commitLeased(deps, keyOf(row), {
    patch: {
      state: 'NOT_PLACED',
      reject_code: 'RATE_LIMITED',
      reject_message: BUDGET_EXHAUSTED_MESSAGE,
      ...RELEASE,
    },
    event: { type: 'order.rejected', code: 'RATE_LIMITED', message: BUDGET_EXHAUSTED_MESSAGE },
    audit: (trx, r) =>
      auditRefusal(
        trx,
        {
          intentId: r.intent_id,
          mode: r.mode,
          venue: r.venue,
          code: 'RATE_LIMITED',
          message: BUDGET_EXHAUSTED_MESSAGE,
        },
        deps.instanceId,
      ),
  });
  log.warn({ reason: outcome.message }, 'order not placed: the venue budget stayed used up');
  return ACK;
}
