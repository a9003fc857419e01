import type { MessageControl } from '@livegate/bus';
import { eventStamp, orderEventFromRow, type ExecutionOrderRow } from '@livegate/db';
import { orderIntentSchema, formatIssues, type OrderIntent } from '@livegate/contracts';
import { staleReason } from './intent-checks.js';
import { invalidIntentEvent, subjectSource } from './invalid-intent.js';
import { outcomeSpecOf } from './order-events.js';
import { needsWork } from './order-row.js';
import { takeLease } from './orders.repository.js';
import { LeaseLostError } from './row-commit.js';
import { resolveRow } from './resolve.js';
import { sendRow } from './send.js';
import { storeIntent } from './store-intent.js';
import { ACK, nak, type Verdict } from './verdict.js';
import type { WorkDeps } from './work-deps.js';

export interface IntentHandlerDeps extends WorkDeps {
  /** Whether live intents may be consumed now (see liveIntakeOpen). */
  readonly liveIntakeOpen: () => boolean;
}

/** Where a finished (or resting) row stands, published again for a repeated intent. */
async function republish(deps: IntentHandlerDeps, row: ExecutionOrderRow): Promise<Verdict> {
  const event = orderEventFromRow(row, outcomeSpecOf(row), eventStamp(deps.now()));
  await deps.publisher.announce({ events: [event], audits: [] });
  deps.logger.info(
    { intentId: row.intent_id, state: row.state },
    'repeated intent: stored outcome republished, nothing sent',
  );
  return ACK;
}

/** A row that exists with the same fingerprint: attach to it; an unresolved one is looked up first. */
async function attach(
  deps: IntentHandlerDeps,
  row: ExecutionOrderRow,
  ctl: MessageControl,
): Promise<Verdict> {
  if (!needsWork(row)) return republish(deps, row);
  const leased = await takeLease(deps.db, {
    intentId: row.intent_id,
    instanceId: deps.instanceId,
    now: deps.now(),
    leaseMs: deps.leaseMs,
  });
  // Leased by another live instance (or the kill switch settled it meanwhile): look again shortly.
  if (leased !== undefined) return resolveRow(deps, leased, ctl);
  deps.logger.debug(
    { intentId: row.intent_id, holder: row.lease_holder },
    'row leased by another instance; redelivering',
  );
  return nak(deps.timing.leaseBusyRetryMs);
}

async function storeAndSend(
  deps: IntentHandlerDeps,
  intent: OrderIntent,
  ctl: MessageControl,
): Promise<Verdict> {
  const stored = await storeIntent(
    { ...deps, recvWindowMs: deps.recvWindows[intent.mode] },
    intent,
  );
  if (stored.kind === 'existing') return attach(deps, stored.row, ctl);
  await deps.publisher.announce(stored);
  if (stored.kind !== 'accepted') {
    deps.logger.info(
      { intentId: intent.intentId, mode: intent.mode, outcome: stored.kind },
      'intent refused',
    );
    return ACK;
  }
  deps.crash('after-submitting-commit');
  return sendRow(deps, stored.row, ctl);
}

/**
 * The ORDER_INTENTS handler (DESIGN.md §4): parse, store (idempotently), send or attach, and ack only
 * once the outcome is committed. Live intents wait (nak) while the live intake is closed, unless
 * they are already stale; two messages for one intent are never worked at once in this process.
 */
export function createIntentHandler(deps: IntentHandlerDeps) {
  const working = new Set<string>();
  return async function handleIntent(raw: unknown, ctl: MessageControl): Promise<void> {
    const parsed = orderIntentSchema.safeParse(raw);
    const source = subjectSource(ctl.subject);
    // A strategy may publish only on its own subject: a body naming another source is refused.
    const issues = !parsed.success
      ? formatIssues(parsed.error)
      : parsed.data.source === source
        ? []
        : [`source: must be "${source}", the source of the subject it was sent on`];
    if (!parsed.success || issues.length > 0) {
      const event = invalidIntentEvent({ raw, issues, msgId: ctl.msgId, now: deps.now(), source });
      await deps.publisher.announce({ events: [event], audits: [] });
      deps.logger.warn({ intentId: event.intentId, issues }, 'invalid intent refused');
      await ctl.ack();
      return;
    }
    const intent = parsed.data;
    const held =
      intent.mode === 'live' &&
      !deps.liveIntakeOpen() &&
      staleReason(intent, deps.now(), deps.intentMaxAgeMs) === undefined;
    if (held || working.has(intent.intentId)) {
      deps.logger.debug(
        { intentId: intent.intentId, deliveryCount: ctl.deliveryCount },
        held
          ? 'live intent held until the live venue is reconciled'
          : 'intent already in work here',
      );
      ctl.nak(held ? deps.timing.holdRetryMs : deps.timing.leaseBusyRetryMs);
      return;
    }
    working.add(intent.intentId);
    let verdict: Verdict;
    try {
      verdict = await storeAndSend(deps, intent, ctl);
    } catch (err) {
      if (!(err instanceof LeaseLostError)) throw err;
      deps.logger.warn({ intentId: intent.intentId }, err.message);
      verdict = nak(deps.timing.leaseBusyRetryMs);
    } finally {
      working.delete(intent.intentId);
    }
    if (verdict.kind === 'ack') await ctl.ack();
    else ctl.nak(verdict.delayMs);
  };
}
