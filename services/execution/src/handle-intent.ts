import type { MessageControl } from '@livegate/bus';
import { eventStamp, orderEventFromRow, type ExecutionOrderRow } from '@livegate/db';
import {
  formatIssues,
  intentKeyString,
  intentMsgId,
  isIntentMsgIdOf,
  orderIntentSchema,
  type OrderIntent,
} from '@livegate/contracts';
import { staleReason } from './intent-checks.js';
import { invalidIntentEvent, subjectSource } from './invalid-intent.js';
import { outcomeSpecOf } from './order-events.js';
import { needsWork } from './order-row.js';
import { keyOf, takeLease } from './orders.repository.js';
import { LeaseLostError } from './row-commit.js';
import { resolveRow } from './resolve.js';
import { sendRow } from './send.js';
import { storeIntent } from './store-intent.js';
import { ACK, nak, whileWorking, type Verdict } from './verdict.js';
import { publishDeadLetter } from './dead-letter.js';
import { announceAccepted, createAcceptedLedger, republishAccepted } from './accepted-event.js';
import type { ExecutionBus } from './execution-bus.js';
import type { WorkDeps } from './work-deps.js';

export interface IntentHandlerDeps extends WorkDeps {
  /** Whether live intents may be consumed now (the live gate). */
  readonly liveIntakeOpen: () => boolean;
  /** Deliveries of one message before it is dead-lettered. */
  readonly maxDeliver: number;
  readonly bus: ExecutionBus;
}

/** What one handling of a message needs beside the handler's deps. */
interface WorkContext extends IntentHandlerDeps {
  /** Intents whose order.accepted this process saw confirmed (their message not acked yet). */
  readonly accepted: ReturnType<typeof createAcceptedLedger>;
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

/**
 * A row that exists with the same fingerprint: attach to it. A finished or resting one is republished;
 * an unsent SUBMITTING one (its fenced step never committed) goes on to the fenced send; one that may
 * have been sent is only looked up.
 */
async function attach(
  deps: WorkContext,
  row: ExecutionOrderRow,
  redelivered: boolean,
): Promise<Verdict> {
  // Its order.accepted went out without being waited for before the send: maybe never (accepted-event.ts).
  if (redelivered && !deps.accepted.has(intentKeyString(keyOf(row))))
    await republishAccepted(deps, keyOf(row));
  if (!needsWork(row)) return republish(deps, row);
  const leased = await takeLease(deps.db, {
    key: keyOf(row),
    instanceId: deps.instanceId,
    leaseMs: deps.leaseMs,
  });
  // Leased by another live instance (or the kill switch settled it meanwhile): look again shortly.
  if (leased !== undefined) {
    return leased.state === 'SUBMITTING' && leased.last_sent_at === null
      ? sendRow(deps, leased)
      : resolveRow(deps, leased);
  }
  deps.logger.debug(
    { intentId: row.intent_id, holder: row.lease_holder },
    'row leased by another instance; redelivering',
  );
  return nak(deps.timing.leaseBusyRetryMs);
}

async function storeAndSend(
  deps: WorkContext,
  intent: OrderIntent,
  redelivered: boolean,
): Promise<Verdict> {
  const stored = await storeIntent(
    { ...deps, recvWindowMs: deps.recvWindows[intent.mode] },
    intent,
  );
  if (stored.kind === 'existing') return attach(deps, stored.row, redelivered);
  if (stored.kind !== 'accepted') {
    await deps.publisher.announce(stored);
    deps.logger.info(
      { intentId: intent.intentId, mode: intent.mode, outcome: stored.kind },
      'intent refused',
    );
    return ACK;
  }
  // order.accepted is not waited for before the send, only before the message is acked.
  const accepted = announceAccepted(deps.publisher, stored);
  try {
    await deps.crash('after-submitting-commit');
    return await sendRow(deps, stored.row);
  } finally {
    await accepted.confirmed();
    deps.accepted.confirmed(intentKeyString(intent));
  }
}

/** Why the message goes round again: the verdict's reason, for the dead letter. */
function reasonOf(held: boolean, busy: boolean, verdict: Verdict | undefined): string {
  if (held)
    return 'The live intake stayed closed (no clean reconcile of the live venue) for every delivery.';
  if (busy) return 'The intent stayed in work elsewhere for every delivery.';
  return verdict === undefined
    ? 'Handling failed on every delivery.'
    : 'The order could not be resolved within its deliveries.';
}

/**
 * A strategy may publish only on its own subject, but with any message id: a body naming another
 * source, or a `Nats-Msg-Id` that is not `<source>:<intentId>[:<tag>]` of this subject and body (one
 * that could pre-empt another strategy's id in JetStream's dedup), is refused, so it never executes.
 */
function keyIssues(intent: OrderIntent, source: string, msgId: string | undefined): string[] {
  if (intent.source !== source)
    return [`source: must be "${source}", the source of the subject it was sent on`];
  if (isIntentMsgIdOf(msgId, intent)) return [];
  const got = msgId === undefined ? 'none was sent' : `got "${msgId}"`;
  return [
    `Nats-Msg-Id: must be "${intentMsgId(intent)}" (or "${intentMsgId(intent)}:<tag>"), ${got}`,
  ];
}

/**
 * The ORDER_INTENTS handler (DESIGN.md §4): parse, store (idempotently), send or attach, and ack only
 * once the outcome is committed; `working()` keeps the message while it is worked on. Live intents
 * wait (nak) while the live intake is closed, unless they are already stale; two messages for one
 * intent are never worked at once in this process. On its last delivery a message that would go round
 * again is dead-lettered instead (a first-seen intent is stored REJECTED DEAD_LETTER).
 */
export function createIntentHandler(handlerDeps: IntentHandlerDeps) {
  const working = new Set<string>();
  const deps: WorkContext = { ...handlerDeps, accepted: createAcceptedLedger() };

  async function deadLetter(
    raw: unknown,
    ctl: MessageControl,
    reason: string,
    intent: OrderIntent,
  ) {
    // A first-seen intent gets its row (REJECTED DEAD_LETTER); one with a row keeps it for the reconciler.
    const refuseAs = { code: 'DEAD_LETTER' as const, message: reason };
    const stored = await storeIntent(
      { ...deps, recvWindowMs: deps.recvWindows[intent.mode], refuseAs },
      intent,
    ).catch((err: unknown) => {
      deps.logger.error(
        { err, intentId: intent.intentId },
        'dead letter: storing the refusal failed',
      );
      return undefined;
    });
    if (stored !== undefined && stored.kind !== 'existing') await deps.publisher.announce(stored);
    await publishDeadLetter(deps.bus, {
      intent,
      raw,
      reason,
      deliveries: ctl.deliveryCount,
      now: deps.now(),
    });
    deps.logger.error(
      { alert: true, intentId: intent.intentId, deliveries: ctl.deliveryCount, reason },
      'ALERT: intent dead-lettered',
    );
    ctl.term(reason);
  }

  async function work(intent: OrderIntent, redelivered: boolean): Promise<Verdict> {
    working.add(intentKeyString(intent));
    try {
      return await storeAndSend(deps, intent, redelivered);
    } catch (err) {
      if (!(err instanceof LeaseLostError)) throw err;
      deps.logger.warn({ intentId: intent.intentId }, err.message);
      return nak(deps.timing.leaseBusyRetryMs);
    } finally {
      working.delete(intentKeyString(intent));
    }
  }

  return async function handleIntent(raw: unknown, ctl: MessageControl): Promise<void> {
    const parsed = orderIntentSchema.safeParse(raw);
    const source = subjectSource(ctl.subject);
    const issues = parsed.success
      ? keyIssues(parsed.data, source, ctl.msgId)
      : formatIssues(parsed.error);
    if (!parsed.success || issues.length > 0) {
      const event = invalidIntentEvent({ raw, issues, msgId: ctl.msgId, now: deps.now(), source });
      await deps.publisher.announce({ events: [event], audits: [] });
      deps.logger.warn({ intentId: event.intentId, issues }, 'invalid intent refused');
      await ctl.ack();
      return;
    }
    const intent = parsed.data;
    const last = ctl.deliveryCount >= deps.maxDeliver;
    const held =
      intent.mode === 'live' &&
      !deps.liveIntakeOpen() &&
      staleReason(intent, deps.now(), deps.intentMaxAgeMs) === undefined;
    const busy = working.has(intentKeyString(intent));
    let verdict: Verdict | undefined;
    try {
      verdict =
        held || busy
          ? nak(held ? deps.timing.holdRetryMs : deps.timing.leaseBusyRetryMs)
          : await whileWorking(ctl, deps.timing.workingEveryMs, () =>
              work(intent, ctl.deliveryCount > 1),
            );
    } catch (err) {
      if (!last) throw err;
      deps.logger.error({ err, intentId: intent.intentId }, 'handling failed on the last delivery');
    }
    if (verdict?.kind === 'ack') {
      await ctl.ack();
      deps.accepted.forget(intentKeyString(intent));
      return;
    }
    if (verdict === undefined || last) {
      return deadLetter(raw, ctl, reasonOf(held, busy, verdict), intent);
    }
    if (held || busy) {
      deps.logger.debug(
        { intentId: intent.intentId, deliveryCount: ctl.deliveryCount },
        held
          ? 'live intent held until the live venue is reconciled'
          : 'intent already in work here',
      );
    }
    ctl.nak(verdict.delayMs);
  };
}
