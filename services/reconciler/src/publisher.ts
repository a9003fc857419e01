import {
  auditEventSchema,
  orderEventSchema,
  reconcileCompletedSchema,
  type OrderEvent,
  type ReconcileCompleted,
  type Subjects,
} from '@livegate/contracts';
import { toAuditEvent, type AuditRow } from '@livegate/db';
import type { z } from 'zod';

/** The part of `@livegate/bus`'s Bus that publishing needs. */
export interface PublishBus {
  readonly subjects: Subjects;
  publish<S extends z.ZodType>(
    subject: string,
    schema: S,
    message: z.input<S>,
    options?: { msgId?: string },
  ): Promise<unknown>;
}

/** What a committed row change has to announce. */
export interface Announcements {
  readonly events: readonly OrderEvent[];
  readonly audits: readonly AuditRow[];
}

export interface Publisher {
  /** After the commit: order events (msgId = eventId), then audit events (msgId `audit-<id>`). */
  announce(a: Announcements): Promise<void>;
  /** `reconcile.completed` (msgId = runId). */
  completed(report: ReconcileCompleted): Promise<void>;
}

export function createPublisher(bus: PublishBus): Publisher {
  return {
    async announce({ events, audits }) {
      for (const event of events) {
        await bus.publish(bus.subjects.orderEvent(event.intentId), orderEventSchema, event, {
          msgId: event.eventId,
        });
      }
      for (const row of audits) {
        await bus.publish(bus.subjects.audit(row.kind), auditEventSchema, toAuditEvent(row), {
          msgId: `audit-${row.id}`,
        });
      }
    },
    async completed(report) {
      await bus.publish(bus.subjects.reconcileCompleted, reconcileCompletedSchema, report, {
        msgId: report.runId,
      });
    },
  };
}
