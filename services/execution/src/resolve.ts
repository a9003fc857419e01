import { dbNow } from '@livegate/db';
import { notPlacedDecidable, notPlacedWaitMs } from '@livegate/binance';
import type { ExecutionOrderRow } from '@livegate/db';
import { auditRefusal } from './audits.js';

import { keyOf } from './orders.repository.js';
import { commitLeased, RELEASE } from './row-commit.js';
import { settle } from './settle.js';
import { ACK, nak, type Verdict } from './verdict.js';
import type { WorkDeps } from './work-deps.js';

export const NOT_PLACED_MESSAGE =
  'The venue has no order with this client order id after the request window and repeated lookups: it was not placed. It is never sent again automatically; send a new intent to try again.';

/**
 * A row whose placement may be in flight or done (UNKNOWN, SUBMITTING after its fenced step, a
 * duplicate answer) is only ever looked up by client order id — never sent again. Found: its real
 * state. Not found: NOT_PLACED (terminal) once the lookups, sent after the in-flight window and for
 * the confirmation time, agree (the shared rule of `@livegate/binance`, on the database's clock).
 */
export async function resolveRow(deps: WorkDeps, row: ExecutionOrderRow): Promise<Verdict> {
  const lookedUpAt = await dbNow(deps.db);
  const found = await deps.venues[row.mode].getOrder({
    symbol: row.symbol,
    clientOrderId: row.client_order_id,
  });
  if (found.kind === 'ok') return settle(deps, row, found.value);
  if (found.kind !== 'not-found') {
    deps.logger.warn(
      { intentId: row.intent_id, outcome: found.kind, reason: found.message },
      'order lookup failed; retrying',
    );
    await commitLeased(deps, keyOf(row), { patch: RELEASE });
    return nak(found.kind === 'rate-limited' ? found.retryAfterMs : deps.timing.lookupRetryMs);
  }
  const window = {
    lastSentAt: row.last_sent_at,
    sendBudgetMs: row.send_budget_ms,
    recvWindowMs: row.recv_window_ms,
    clockMarginMs: deps.clockMarginMs,
    confirmMs: deps.notPlacedConfirmMs,
    now: lookedUpAt,
  };
  const waitMs = notPlacedWaitMs(window);
  const notFoundCount = waitMs === 0 ? row.not_found_count + 1 : 0;
  if (notPlacedDecidable({ ...window, notFoundCount })) {
    await commitLeased(deps, keyOf(row), {
      patch: {
        state: 'NOT_PLACED',
        reject_code: 'NOT_PLACED',
        reject_message: NOT_PLACED_MESSAGE,
        not_found_count: notFoundCount,
        ...RELEASE,
      },
      event: { type: 'order.rejected', code: 'NOT_PLACED', message: NOT_PLACED_MESSAGE },
      audit: (trx, r) =>
        auditRefusal(
          trx,
          {
            intentId: r.intent_id,
            mode: r.mode,
            venue: r.venue,
            code: 'NOT_PLACED',
            message: NOT_PLACED_MESSAGE,
          },
          deps.instanceId,
        ),
    });
    deps.logger.info({ intentId: row.intent_id }, 'order was not placed; it is not sent again');
    return ACK;
  }
  await commitLeased(deps, keyOf(row), {
    patch: { state: 'UNKNOWN', not_found_count: notFoundCount, ...RELEASE },
    ...(row.state === 'SUBMITTING' && {
      event: {
        type: 'order.unknown' as const,
        message:
          'The placement may have been sent before a restart or takeover; the venue does not show it yet, resolving by lookup.',
      },
    }),
  });
  return nak(Math.max(waitMs, deps.timing.lookupRetryMs));
}
