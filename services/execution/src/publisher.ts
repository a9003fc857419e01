import { announceCommitted, type PublishingBus } from '@livegate/bus';
import type { OrderEvent } from '@livegate/contracts';
import type { AuditRow } from '@livegate/db';

/** What a committed transaction has to announce. */
export interface Announcements {
  readonly events: readonly OrderEvent[];
  readonly audits: readonly AuditRow[];
}

export const NOTHING: Announcements = Object.freeze({ events: [], audits: [] });

export interface Publisher {
  /**
   * After the commit: order events (msgId = eventId), then the outbox relay is told that audit rows
   * wait (they were queued in the outbox by the commit itself). A failed order event throws, so the
   * message is redelivered and the stored outcome republished.
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
    async announce({ events, audits }) {
      if (audits.length > 0) relay.poke();
      await announceCommitted(bus, { events });
    },
  };
}
