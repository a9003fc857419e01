import { auditEventSchema, modeChangedSchema } from '@livegate/contracts';
import { toAuditEvent } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { ArmingBus } from './arming-bus.js';
import type { Effects } from './verb-outcome.js';

/**
 * After the commit: `mode.changed` (msgId `mode-<version>`) and `audit.<kind>` (msgId `audit-<id>`).
 * The database already holds the truth, so a failed publish is logged, never thrown.
 */
export async function publishEffects(
  bus: ArmingBus,
  logger: Logger,
  effects: Effects,
): Promise<void> {
  for (const event of effects.modeChanges) {
    await bus
      .publish(bus.subjects.modeChanged, modeChangedSchema, event, {
        msgId: `mode-${event.version}`,
      })
      .catch((err: unknown) =>
        logger.error(
          { err, version: event.version, mode: event.mode },
          'publishing mode.changed failed',
        ),
      );
  }
  for (const row of effects.audits) {
    await bus
      .publish(bus.subjects.audit(row.kind), auditEventSchema, toAuditEvent(row), {
        msgId: `audit-${row.id}`,
      })
      .catch((err: unknown) =>
        logger.error({ err, auditId: row.id, kind: row.kind }, 'publishing the audit event failed'),
      );
  }
}

export interface EffectsPublisher {
  /** Queues `effects` behind those already queued; returns at once. */
  push(effects: Effects): void;
  /** Resolves once everything queued so far has been published (or logged as failed). */
  drain(): Promise<void>;
}

/**
 * Publishes committed effects one batch after another, off the reply path: a slow or missing stream
 * delays events, never the operator's answer.
 */
export function createEffectsPublisher(bus: ArmingBus, logger: Logger): EffectsPublisher {
  let tail = Promise.resolve();
  return {
    push(effects) {
      tail = tail.then(() => publishEffects(bus, logger, effects));
    },
    drain: () => tail,
  };
}
