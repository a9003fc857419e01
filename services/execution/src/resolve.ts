import { notPlacedDecidable, notPlacedWaitMs } from '@livegate/binance';
import type { MessageControl } from '@livegate/bus';
import type { ExecutionOrderRow } from '@livegate/db';
import { auditLiveSend, auditRefusal } from './audits.js';
import type { Trx } from './db.js';
import { staleReason } from './intent-checks.js';
import { timingOf } from './order-row.js';
import { readArmingForShare } from './orders.repository.js';
import { commitLeased, RELEASE, type Change } from './row-commit.js';
import { sendRow } from './send.js';
import { reject, settle } from './settle.js';
import { ACK, nak, whileWorking, type Verdict } from './verdict.js';
import type { WorkDeps } from './work-deps.js';

/**
 * An unresolved row (SUBMITTING after a restart or takeover, UNKNOWN, or a duplicate answer) is looked
 * up by client order id before anything is sent. Found: its real state. Not found: NOT_PLACED only
 * once the request's recvWindow plus the clock margin has passed and a repeated lookup agrees; then a
 * fresh intent is sent again with the same client order id, a stale one ends REJECTED NOT_PLACED.
 */
export async function resolveRow(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  ctl: Pick<MessageControl, 'working'>,
): Promise<Verdict> {
  const sentAt = deps.now();
  const found = await whileWorking(ctl, deps.timing.workingEveryMs, () =>
    deps.venues[row.mode].getOrder({ symbol: row.symbol, clientOrderId: row.client_order_id }),
  );
  if (found.kind === 'ok') {
    return settle(deps, row, found.value);
  }
  if (found.kind !== 'not-found') {
    deps.logger.warn(
      { intentId: row.intent_id, outcome: found.kind, reason: found.message },
      'order lookup failed; retrying',
    );
    await commitLeased(deps, row.intent_id, { patch: RELEASE });
    return nak(found.kind === 'rate-limited' ? found.retryAfterMs : deps.timing.lookupRetryMs);
  }
  // The reconciler already decided NOT_PLACED by the same rule, and the venue still has no order.
  if (row.state === 'NOT_PLACED') return notPlaced(deps, row, ctl);
  const window = {
    lastSentAt: row.last_sent_at,
    recvWindowMs: row.recv_window_ms,
    clockMarginMs: deps.clockMarginMs,
    now: sentAt,
  };
  const waitMs = notPlacedWaitMs(window);
  const notFoundCount = waitMs === 0 ? row.not_found_count + 1 : 0;
  if (notPlacedDecidable({ ...window, notFoundCount })) return notPlaced(deps, row, ctl);
  await commitLeased(deps, row.intent_id, {
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

function notArmedAnymore(deps: WorkDeps, code: 'HALTED' | 'NOT_ARMED'): Change {
  const message = `The order was not placed, and live trading is ${code === 'HALTED' ? 'halted' : 'not armed'} now: it is not sent again.`;
  return {
    patch: { state: 'REJECTED', reject_code: code, reject_message: message, ...RELEASE },
    event: { type: 'order.rejected', code, message },
    audit: (trx, r) =>
      auditRefusal(
        trx,
        { intentId: r.intent_id, mode: r.mode, venue: r.venue, code, message },
        deps.instanceId,
      ),
  };
}

function resendChange(deps: WorkDeps, row: ExecutionOrderRow, now: number): Change {
  return {
    patch: {
      state: 'SUBMITTING',
      attempts: row.attempts + 1,
      last_sent_at: new Date(now),
      not_found_count: 0,
      lease_expires_at: new Date(now + deps.leaseMs),
    },
    // A retry after "not sent" (rate limit, venue data unavailable) is no state change: no event.
    ...(row.state !== 'SUBMITTING' && { event: { type: 'order.updated' as const } }),
    ...(row.mode === 'live' && {
      audit: (trx: Trx, r: ExecutionOrderRow) => auditLiveSend(trx, r, deps.instanceId),
    }),
  };
}

/** Decided NOT_PLACED: a fresh intent is sent again (a live one only while still armed), a stale one ends. */
async function notPlaced(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  ctl: Pick<MessageControl, 'working'>,
): Promise<Verdict> {
  const stale = staleReason(timingOf(row), deps.now(), deps.intentMaxAgeMs);
  if (stale !== undefined) {
    return reject(deps, row, {
      code: 'NOT_PLACED',
      message: `The order was not placed and will not be sent again. ${stale}`,
    });
  }
  const resend = await commitLeased(deps, row.intent_id, async (trx, now) => {
    if (row.mode === 'live') {
      const arming = await readArmingForShare(trx, now);
      if (!arming.armed)
        return notArmedAnymore(deps, arming.mode === 'HALTED' ? 'HALTED' : 'NOT_ARMED');
    }
    return resendChange(deps, row, now);
  });
  if (resend.state === 'REJECTED') return ACK;
  deps.logger.info(
    { intentId: row.intent_id, attempt: resend.attempts },
    'order was not placed: sending it again with the same client order id',
  );
  return sendRow(deps, resend, ctl);
}
