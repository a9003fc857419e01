import { announceCommitted, type PublishingBus } from '@livegate/bus';
import {
  reconcileCompletedSchema,
  type OrderEvent,
  type ReconcileCompleted,
} from '@livegate/contracts';
import type { AuditRow } from '@livegate/db';

/** What a committed row change has to announce. */
export interface Announcements {
  readonly events: readonly OrderEvent[];
  readonly audits: readonly AuditRow[];
}

export interface Publisher {
  /**
   * After the commit: order events (msgId = eventId), the first failure throws (the run reports it);
   * the outbox relay is told that audit rows wait (the commit queued them in the outbox).
   */
  announce(a: Announcements): Promise<void>;
  /** `reconcile.completed` (msgId = runId). */
  completed(report: ReconcileCompleted): Promise<void>;
}

export function createPublisher(bus: PublishingBus, relay: { poke(): void }): Publisher {
  return {
    async announce({ events, audits }) {
      if (audits.length > 0) relay.poke();
      await announceCommitted(bus, { events });
    },
    async completed(report) {
      await bus.publish(bus.subjects.reconcileCompleted, reconcileCompletedSchema, report, {
        msgId: report.runId,
      });
    },
  };
}
