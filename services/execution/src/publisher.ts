import { announceCommitted, type PublishingBus } from '@livegate/bus';
import {
  cancelOutcomeEventSchema,
  cancelOutcomeMsgId,
  type CancelOutcomeEvent,
  type OrderEvent,
} from '@livegate/contracts';
import type { AuditRow } from '@livegate/db';

/** What a committed transaction has to announce. */
export interface Announcements {
  readonly events: readonly OrderEvent[];
  readonly audits: readonly AuditRow[];
  /** How cancels ended, for the strategies that sent them (`orders.cancel-outcome.<source>.<cancelId>`). */
  readonly cancels?: readonly CancelOutcomeEvent[];
}

export const NOTHING: Announcements = Object.freeze({ events: [], audits: [] });

export interface Publisher {
  /**
   * After the commit: order events (msgId = eventId), then cancel outcomes (msgId
   * `cancel-outcome:<source>:<cancelId>`, so a republished one is stored once); the outbox relay is
   * told that audit rows wait (they were queued in the outbox by the commit itself). A failed order
   * event or cancel outcome throws, so the message is redelivered and the stored outcome republished.
   */
  announce(a: Announcements): Promise<void>;
}

export function createPublisher({
  bus,
  relay,
}: {
  bus: PublishingBus;
  relay: { poke(): void };
}): Publisher {
  return {
    async announce({ events, audits, cancels = [] }) {
      if (audits.length > 0) relay.poke();
      await announceCommitted(bus, { events });
      for (const outcome of cancels) {
        await bus.publish(
          bus.subjects.cancelOutcome(outcome.source, outcome.cancelId),
          cancelOutcomeEventSchema,
          outcome,
          { msgId: cancelOutcomeMsgId(outcome) },
        );
      }
    },
  };
}
