import { announceCommitted } from '@livegate/bus';
import { toAuditEvent } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { ArmingBus } from './arming-bus.js';
import type { Effects } from './verb-outcome.js';

export interface EffectsPublisher {
  /** Queues `effects` behind those already queued; returns at once. */
  push(effects: Effects): void;
  /** Resolves once everything queued so far has been published (or logged as failed). */
  drain(): Promise<void>;
}

/**
 * Publishes committed effects one batch after another, off the reply path: a slow or missing stream
 * delays events, never the operator's answer. Each batch is `mode.changed` (msgId `mode-<version>`)
 * then `audit.<kind>` (msgId `audit-<id>`); the database already holds the truth, so a failed
 * publish is logged, never thrown.
 */
export function createEffectsPublisher(bus: ArmingBus, logger: Logger): EffectsPublisher {
  let tail = Promise.resolve();
  return {
    push(effects) {
      tail = tail.then(() =>
        announceCommitted(
          bus,
          { modeChanges: effects.modeChanges, audits: effects.audits.map(toAuditEvent) },
          { logFailuresTo: logger },
        ),
      );
    },
    drain: () => tail,
  };
}
