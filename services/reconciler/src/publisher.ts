import { announceCommitted, type PublishingBus } from '@livegate/bus';
import {
  reconcileCompletedSchema,
  type OrderEvent,
  type ReconcileCompleted,
} from '@livegate/contracts';
import { toAuditEvent, type AuditRow } from '@livegate/db';

/** What a committed row change has to announce. */
export interface Announcements {
  readonly events: readonly OrderEvent[];
  readonly audits: readonly AuditRow[];
}

export interface Publisher {
  /**
   * After the commit: order events (msgId = eventId), then audit events (msgId `audit-<id>`); the
   * first failure throws (the run reports it).
   */
  announce(a: Announcements): Promise<void>;
  /** `reconcile.completed` (msgId = runId). */
  completed(report: ReconcileCompleted): Promise<void>;
}

export function createPublisher(bus: PublishingBus): Publisher {
  return {
    announce: ({ events, audits }) =>
      announceCommitted(bus, { events, audits: audits.map(toAuditEvent) }),
    async completed(report) {
      await bus.publish(bus.subjects.reconcileCompleted, reconcileCompletedSchema, report, {
        msgId: report.runId,
      });
    },
  };
}
