import { announceCommitted, type PublishingBus } from '@livegate/bus';
import type { OrderEvent } from '@livegate/contracts';
import { toAuditEvent, type AuditRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';

/** What a committed transaction has to announce. */
export interface Announcements {
  readonly events: readonly OrderEvent[];
  readonly audits: readonly AuditRow[];
}

export const NOTHING: Announcements = Object.freeze({ events: [], audits: [] });

export interface Publisher {
  /**
   * After the commit: order events (msgId = eventId) then audit events (msgId `audit-<id>`). A failed
   * order event throws, so the message is redelivered and the stored outcome republished; a failed
   * audit event is only logged (the audit table holds the row).
   */
  announce(a: Announcements): Promise<void>;
}

export function createPublisher({
  bus,
  logger,
}: {
  bus: PublishingBus;
  logger: Logger;
}): Publisher {
  return {
    announce: ({ events, audits }) =>
      announceCommitted(
        bus,
        { events, audits: audits.map(toAuditEvent) },
        { logFailuresTo: logger },
      ),
  };
}
