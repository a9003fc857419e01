import { venueOrderToRow, type VenueOrder } from '@livegate/binance';
import type { RejectCode } from '@livegate/contracts';
import type { ExecutionOrderRow } from '@livegate/db';
import { auditRefusal } from './audits.js';
import { fillRowsOf } from './fills.js';
import { settledSpec } from './order-events.js';
import { RESTING_STATES } from './order-row.js';
import { insertFills, keyOf } from './orders.repository.js';
import { commitLeased, RELEASE } from './row-commit.js';
import { ACK, type Verdict } from './verdict.js';
import type { WorkDeps } from './work-deps.js';

/** The venue's order (placement answer or lookup) becomes the row's state; fills are stored once. */
export async function settle(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  order: VenueOrder,
): Promise<Verdict> {
  const fields = venueOrderToRow(order);
  const updated = await commitLeased(deps, keyOf(row), {
    patch: { ...fields, not_found_count: 0, ...RELEASE },
    event: settledSpec(fields),
    alongside: (trx, r) => insertFills(trx, fillRowsOf(r, order, deps.now())),
  });
  deps.logger.info(
    { intentId: row.intent_id, venue: row.venue, orderId: order.orderId, state: updated.state },
    'order is on the venue',
  );
  if (updated.mode === 'live' && (RESTING_STATES as readonly string[]).includes(updated.state)) {
    await deps.onLiveResting(updated);
  }
  return ACK;
}

/** Final refusal of a leased row: stored REJECTED with the code, event, audit row. */
export async function reject(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  refusal: { code: RejectCode; message: string; details?: Record<string, unknown> },
): Promise<Verdict> {
  await commitLeased(deps, keyOf(row), {
    patch: {
      state: 'REJECTED',
      reject_code: refusal.code,
      reject_message: refusal.message,
      ...RELEASE,
    },
    event: { type: 'order.rejected', ...refusal },
    audit: (trx, r) =>
      auditRefusal(
        trx,
        {
          intentId: r.intent_id,
          mode: r.mode,
          venue: r.venue,
          code: refusal.code,
          message: refusal.message,
        },
        deps.instanceId,
      ),
  });
  deps.logger.info(
    { intentId: row.intent_id, venue: row.venue, code: refusal.code },
    'order refused',
  );
  return ACK;
}
