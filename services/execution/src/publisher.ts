import {
  auditEventSchema,
  orderEventSchema,
  type OrderEvent,
  type Subjects,
} from '@livegate/contracts';
import { toAuditEvent, type AuditRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
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

export function createPublisher({ bus, logger }: { bus: PublishBus; logger: Logger }): Publisher {
  return {
    async announce({ events, audits }) {
      for (const event of events) {
        await bus.publish(bus.subjects.orderEvent(event.intentId), orderEventSchema, event, {
          msgId: event.eventId,
        });
      }
      for (const row of audits) {
        await bus
          .publish(bus.subjects.audit(row.kind), auditEventSchema, toAuditEvent(row), {
            msgId: `audit-${row.id}`,
          })
          .catch((err: unknown) =>
            logger.error(
              { err, auditId: row.id, kind: row.kind },
              'publishing the audit event failed',
            ),
          );
      }
    },
  };
}
