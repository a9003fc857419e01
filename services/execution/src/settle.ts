import { venueOrderToRow, type VenueOrder } from '@livegate/binance';
import type { RejectCode } from '@livegate/contracts';
import type { ExecutionOrderRow } from '@livegate/db';
import { auditRefusal } from './audits.js';
import { RESTING_STATES } from './order-row.js';
import { insertFills } from './orders.repository.js';
import { commitLeased, RELEASE } from './row-commit.js';
import { ACK, nak, type Verdict } from './verdict.js';
import type { WorkDeps } from './work-deps.js';

/** Someone else settled or took the row meanwhile: let the redelivery read where it stands. */
export function leaseLost(deps: WorkDeps, row: ExecutionOrderRow): Verdict {
  deps.logger.warn(
    { intentId: row.intent_id },
    'the row was taken or settled by someone else; redelivering',
  );
  return nak(deps.timing.leaseBusyRetryMs);
}

/** The venue's order (placement answer or lookup) becomes the row's state; fills are stored once. */
export async function settle(
  deps: WorkDeps,
  row: ExecutionOrderRow,
  order: VenueOrder,
  type: 'order.submitted' | 'order.updated',
): Promise<Verdict> {
  const fields = venueOrderToRow(order);
  const event =
    fields.state === 'REJECTED'
      ? {
          type: 'order.rejected' as const,
          code: 'EXCHANGE_REJECTED' as const,
          message: fields.reject_message as string,
        }
      : { type };
  const updated = await commitLeased(deps, row.intent_id, {
    patch: { ...fields, not_found_count: 0, ...RELEASE },
    event,
    alongside: (trx, r) => insertFills(trx, r, order, deps.now()),
  });
  if (updated === undefined) return leaseLost(deps, row);
  deps.logger.info(
    {
      intentId: row.intent_id,
      clientOrderId: row.client_order_id,
      venue: row.venue,
      orderId: order.orderId,
      state: updated.state,
    },
    'order placed',
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
  const updated = await commitLeased(deps, row.intent_id, {
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
  if (updated === undefined) return leaseLost(deps, row);
  deps.logger.info(
    { intentId: row.intent_id, venue: row.venue, code: refusal.code },
    'order refused',
  );
  return ACK;
}
