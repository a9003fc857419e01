import {
  auditEventSchema,
  modeChangedSchema,
  orderEventSchema,
  type AuditEvent,
  type ModeChanged,
  type OrderEvent,
} from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { Bus } from './bus.js';

/** The part of the Bus that announcing needs. */
export type PublishingBus = Pick<Bus, 'subjects' | 'publish'>;

/** What a committed transaction has to announce. */
export interface Committed {
  readonly events?: readonly OrderEvent[];
  readonly modeChanges?: readonly ModeChanged[];
  readonly audits?: readonly AuditEvent[];
}

export interface AnnounceOptions {
  /**
   * Where a failed `mode.changed` or `audit.<kind>` publish is logged; the rest still go out (the
   * database already holds the truth). Without it such a failure throws, as a failed order event
   * always does.
   */
  readonly logFailuresTo?: Logger;
}

/** `audit.<kind>` with msgId `audit-<id>`: a row announced twice is stored once. */
export function publishAuditEvent(bus: PublishingBus, event: AuditEvent): Promise<unknown> {
  return bus.publish(bus.subjects.audit(event.kind), auditEventSchema, event, {
    msgId: `audit-${event.id}`,
  });
}

/**
 * Publishes what a transaction committed, one message after another in this order: order events
 * (`orders.event.<source>.<intentId>`, msgId = eventId), mode changes (`mode.changed`, msgId
 * `mode-<version>`), audit events (`audit.<kind>`, msgId `audit-<id>`). A failed order event throws
 * at once, so the caller leaves its message unacked and the redelivery republishes it.
 */
export async function announceCommitted(
  bus: PublishingBus,
  { events = [], modeChanges = [], audits = [] }: Committed,
  { logFailuresTo: logger }: AnnounceOptions = {},
): Promise<void> {
  for (const event of events) {
    await bus.publish(
      bus.subjects.orderEvent(event.source, event.intentId),
      orderEventSchema,
      event,
      {
        msgId: event.eventId,
      },
    );
  }
  for (const event of modeChanges) {
    const publishing = bus.publish(bus.subjects.modeChanged, modeChangedSchema, event, {
      msgId: `mode-${event.version}`,
    });
    await settle(
      publishing,
      logger,
      { version: event.version, mode: event.mode },
      'publishing mode.changed failed',
    );
  }
  for (const event of audits) {
    await settle(
      publishAuditEvent(bus, event),
      logger,
      { auditId: event.id, kind: event.kind },
      'publishing the audit event failed',
    );
  }
}

async function settle(
  publishing: Promise<unknown>,
  logger: Logger | undefined,
  fields: Record<string, unknown>,
  message: string,
): Promise<void> {
  if (logger === undefined) await publishing;
  else await publishing.catch((err: unknown) => logger.error({ err, ...fields }, message));
}
