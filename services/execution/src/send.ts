import type { CheckOutcome, SendOutcome } from '@livegate/binance';
import type { ExecutionOrderRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { notPlacedForBudget } from './budget-exhausted.js';
import { fenceSend } from './fence.js';
import { placeRequestOf } from './order-row.js';
import { resolveRow } from './resolve.js';
import { keyOf } from './orders.repository.js';
import { riskNeeds } from './risk-limits.js';
import { readRiskLimits } from './risk.repository.js';
import { commitLeased, RELEASE } from './row-commit.js';
import { reject, settle } from './settle.js';
import { ACK, nak, type Verdict } from './verdict.js';
import type { WorkDeps } from './work-deps.js';

/** Nothing left for the venue (rate limited, data unavailable, not signed): unsent again, retried later. */
async function notSent(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  log: Logger,
  outcome: { kind: string; message: string },
  delayMs: number,
): Promise<Verdict> {
  log.warn(
    { outcome: outcome.kind, reason: outcome.message, delayMs },
    'order not sent: retrying later',
  );
  await commitLeased(deps, keyOf(row), { patch: { last_sent_at: null, ...RELEASE } });
  return nak(delayMs);
}

function configFault(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  log: Logger,
  outcome: { code: number; message: string },
): Promise<Verdict> {
  log.error(
    { alert: true, exchangeCode: outcome.code, reason: outcome.message },
    'ALERT: the venue refused our configuration (clock, signature or API key); nothing was placed',
  );
  return reject(deps, row, {
    code: 'VENUE_UNHEALTHY',
    message: `The venue refused our configuration, nothing was placed: ${outcome.message}`,
    details: { exchangeCode: outcome.code },
  });
}

/** The pre-trade step did not clear the order: refused for good, or not sent now. */
function notReady(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  log: Logger,
  checked: Exclude<CheckOutcome, { kind: 'ready' }>,
): Promise<Verdict> {
  switch (checked.kind) {
    case 'rejected':
      return reject(deps, row, { code: checked.code, message: checked.message });
    case 'config-fault':
      return configFault(deps, row, log, checked);
    case 'rate-limited':
      return notSent(deps, row, log, checked, checked.retryAfterMs);
    default:
      return notSent(deps, row, log, checked, deps.timing.notSentRetryMs);
  }
}

async function afterSend(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  log: Logger,
  outcome: SendOutcome,
): Promise<Verdict> {
  switch (outcome.kind) {
    case 'placed':
      await deps.crash('after-exchange-accept');
      return settle(deps, row, outcome.order);
    case 'duplicate':
      log.info('the venue already has an open order with this client order id: attaching to it');
      return resolveRow(deps, row);
    case 'rejected':
      return reject(deps, row, {
        code: 'EXCHANGE_REJECTED',
        message: outcome.message,
        details: { exchangeCode: outcome.code },
      });
    case 'config-fault':
      return configFault(deps, row, log, outcome);
    case 'unknown': {
      log.warn(
        { cause: outcome.cause, reason: outcome.message },
        'placement outcome unknown: looking the order up',
      );
      const unknown = await commitLeased(deps, keyOf(row), {
        patch: { state: 'UNKNOWN', not_found_count: 0 },
        event: {
          type: 'order.unknown',
          message: `The venue's answer is unknown (${outcome.cause}): ${outcome.message}`,
        },
      });
      return resolveRow(deps, unknown);
    }
    case 'rate-limited':
      return notSent(deps, row, log, outcome, outcome.retryAfterMs);
    case 'budget-exhausted':
      return notPlacedForBudget(deps, row, log, outcome);
    default:
      // not-signed: the fenced step is older than the send budget (a stall); nothing left.
      return notSent(deps, row, log, outcome, 0);
  }
}

/**
 * DESIGN.md §4 steps 3–4 for an unsent SUBMITTING row this instance leases: every pre-trade read and
 * check first (the adapter's checkOrder), then the fenced step (with the risk limits), then exactly one signed request with
 * the derived client order id, signed within the send budget of the fence. Its outcome (§5) becomes
 * the row's state. A row the fence marked sent is never sent again: only looked up.
 */
export async function sendRow(deps: WorkDeps, row: ExecutionOrderRow): Promise<Verdict> {
  const log = deps.logger.child({
    intentId: row.intent_id,
    clientOrderId: row.client_order_id,
    venue: row.venue,
  });
  const venue = deps.venues[row.mode];
  // Read ahead only to know whether to fetch the reference price; the fence decides on the limits
  // as they are when it runs.
  const { limits } = await readRiskLimits(deps.db, row.mode, row.source);
  const checked = await venue.checkOrder(placeRequestOf(row), {
    referencePrice: riskNeeds(limits).referencePrice,
  });
  if (checked.kind !== 'ready') return notReady(deps, row, log, checked);
  const fence = await fenceSend(deps, row, checked);
  if (fence.kind === 'refused') {
    log.info({ code: fence.row.reject_code }, 'order refused in the fenced step; nothing sent');
    return ACK;
  }
  await deps.crash('after-fence-commit');
  const outcome = await venue.sendOrder(checked.order, {
    mayStillSign: () => deps.monotonic() - fence.startedAt <= deps.sendBudgetMs,
  });
  return afterSend(deps, fence.row, log, outcome);
}
