import type { MessageControl } from '@livegate/bus';
import type { ExecutionOrderRow } from '@livegate/db';
import { placeRequestOf } from './order-row.js';
import { resolveRow } from './resolve.js';
import { commitLeased, RELEASE } from './row-commit.js';
import { reject, settle } from './settle.js';
import { nak, whileWorking, type Verdict } from './verdict.js';
import type { WorkDeps } from './work-deps.js';

/**
 * DESIGN.md §4 steps 3–4 for a SUBMITTING row this instance leases: the adapter runs the pre-trade
 * checks and sends with the derived client order id; its outcome (§5) becomes the row's state.
 */
export async function sendRow(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  ctl: Pick<MessageControl, 'working'>,
): Promise<Verdict> {
  const log = deps.logger.child({
    intentId: row.intent_id,
    clientOrderId: row.client_order_id,
    venue: row.venue,
  });
  const outcome = await whileWorking(ctl, deps.timing.workingEveryMs, () =>
    deps.venues[row.mode].placeOrder(placeRequestOf(row)),
  );
  switch (outcome.kind) {
    case 'placed':
      deps.crash('after-exchange-accept');
      return settle(deps, row, outcome.order);
    case 'duplicate':
      log.info('the venue already has an open order with this client order id: attaching to it');
      return resolveRow(deps, row, ctl);
    case 'rejected':
      return reject(
        deps,
        row,
        outcome.source === 'local'
          ? { code: outcome.code, message: outcome.message }
          : {
              code: 'EXCHANGE_REJECTED',
              message: outcome.message,
              details: { exchangeCode: outcome.code },
            },
      );
    case 'config-fault':
      log.error(
        { alert: true, exchangeCode: outcome.code, reason: outcome.message },
        'ALERT: the venue refused our configuration (clock, signature or API key); nothing was placed',
      );
      return reject(deps, row, {
        code: 'VENUE_UNHEALTHY',
        message: `The venue refused our configuration, nothing was placed: ${outcome.message}`,
        details: { exchangeCode: outcome.code },
      });
    case 'unknown': {
      log.warn(
        { cause: outcome.cause, reason: outcome.message },
        'placement outcome unknown: looking the order up',
      );
      const unknown = await commitLeased(deps, row.intent_id, {
        patch: { state: 'UNKNOWN', last_sent_at: new Date(deps.now()), not_found_count: 0 },
        event: {
          type: 'order.unknown',
          message: `The venue's answer is unknown (${outcome.cause}): ${outcome.message}`,
        },
      });
      return resolveRow(deps, unknown, ctl);
    }
    default: {
      // Rate limited, or the pre-trade data was unavailable: the request was not processed.
      const delayMs =
        outcome.kind === 'rate-limited' ? outcome.retryAfterMs : deps.timing.notSentRetryMs;
      log.warn(
        { outcome: outcome.kind, reason: outcome.message, delayMs },
        'order not sent: retrying later',
      );
      await commitLeased(deps, row.intent_id, { patch: { last_sent_at: null, ...RELEASE } });
      return nak(delayMs);
    }
  }
}
