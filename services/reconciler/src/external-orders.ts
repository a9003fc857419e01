import type { VenueOrder } from '@livegate/binance';
import { appendAudit } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { AUDIT_ACTOR } from './apply-plan.js';
import type { ExternalOrderAction } from './config.js';
import type { Db } from './db.js';
import { markCancelled, recordExternal } from './externals.repository.js';
import type { Pacer } from './paced-call.js';
import type { Publisher } from './publisher.js';
import { addError, type Tally } from './tally.js';
import type { ReconcileVenue, VenueName } from './venue.js';

export interface ExternalDeps {
  readonly db: Db;
  readonly venue: ReconcileVenue;
  readonly venueName: VenueName;
  readonly pacer: Pacer;
  readonly publisher: Publisher;
  readonly logger: Logger;
  readonly now: () => number;
  readonly tally: Tally;
  readonly runId: string;
  readonly action: ExternalOrderAction;
}

async function cancelExternal(deps: ExternalDeps, order: VenueOrder): Promise<void> {
  const { symbol, clientOrderId, orderId } = order;
  const r = await deps.pacer.call(`cancelOrder ${symbol}`, () =>
    deps.venue.cancelOrder({ symbol, clientOrderId }),
  );
  if (r.kind === 'rejected') {
    addError(deps.tally, {
      code: 'CANCEL_FAILED',
      message: `External order ${orderId} on ${symbol} could not be cancelled (${r.code}: ${r.message}).`,
    });
    return;
  }
  if (r.kind === 'not-found') {
    deps.logger.info({ symbol, orderId }, 'external order no longer open; nothing to cancel');
    return;
  }
  const audits = await deps.db.transaction().execute(async (trx) => {
    await markCancelled(trx, deps.venueName, r.value, deps.now());
    if (deps.venueName !== 'live') return [];
    return [
      await appendAudit(trx, {
        kind: 'reconcile.external_cancelled',
        actor: AUDIT_ACTOR,
        subject: `${symbol}:${orderId}`,
        details: { runId: deps.runId, venue: deps.venueName, symbol, orderId, clientOrderId },
      }),
    ];
  });
  deps.logger.warn({ symbol, orderId }, 'external order cancelled');
  // The audit row left with the commit through the outbox; this only hurries the relay.
  await deps.publisher.announce({ events: [], audits });
}

/** Lists every open order that is not ours (reconcile.external_orders) and, with `cancel`, cancels it. */
export async function handleExternalOrders(
  deps: ExternalDeps,
  orders: readonly VenueOrder[],
): Promise<void> {
  for (const order of orders) {
    await recordExternal(deps.db, deps.venueName, order, deps.now());
    deps.tally.externalOrders += 1;
    deps.logger.warn(
      { symbol: order.symbol, orderId: order.orderId, status: order.status },
      'external open order on the venue',
    );
    if (deps.action === 'cancel') await cancelExternal(deps, order);
  }
}
