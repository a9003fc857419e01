import {
  auditEventSchema,
  modeChangedSchema,
  type AuditEvent,
  type ModeChanged,
} from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { PublishingBus } from './announce.js';

export type RelayKind = 'mode' | 'audit';

/** A message of the transactional outbox (`@livegate/db` `createOutboxStore`). */
export type RelayMessage =
  | { readonly id: string; readonly kind: 'audit'; readonly event: AuditEvent }
  | { readonly id: string; readonly kind: 'mode'; readonly event: ModeChanged };

/** The outbox as the relay needs it: `@livegate/db`'s `OutboxStore` has this shape. */
export interface RelayOutbox {
  drain(
    kinds: readonly RelayKind[],
    limit: number,
    publish: (message: RelayMessage) => Promise<void>,
  ): Promise<{ readonly published: number; readonly error?: unknown }>;
  prune(olderThanMs: number): Promise<number>;
}

export interface OutboxRelayOptions {
  readonly bus: PublishingBus;
  readonly outbox: RelayOutbox;
  /** What this process may publish: arming relays `mode` and `audit`, the others `audit` only. */
  readonly kinds: readonly RelayKind[];
  readonly logger: Logger;
  /** Look for unpublished messages at least this often, even without a poke; default 1 s. */
  readonly pollMs?: number;
  /** Longest wait after a failure (doubling from `pollMs`); default 5 s. */
  readonly maxBackoffMs?: number;
  readonly batch?: number;
  /** Published messages are deleted after this long; default 1 h. */
  readonly keepPublishedMs?: number;
}

export interface OutboxRelay {
  start(): void;
  /** Something was committed: look now rather than at the next poll. */
  poke(): void;
  /** Resolves once a drain found nothing left to publish (after this call). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** `audit.<kind>` (msgId `audit-<id>`) and `mode.changed` (msgId `mode-<version>`), as announceCommitted sends them. */
function publisherFor(bus: PublishingBus) {
  return async function publishOne(message: RelayMessage): Promise<void> {
    if (message.kind === 'mode') {
      await bus.publish(bus.subjects.modeChanged, modeChangedSchema, message.event, {
        msgId: `mode-${message.event.version}`,
      });
    } else {
      await bus.publish(bus.subjects.audit(message.event.kind), auditEventSchema, message.event, {
        msgId: `audit-${message.event.id}`,
      });
    }
  };
}

/**
 * Relays the transactional outbox to the bus: every message committed in the outbox is published,
 * in id order, with retry and backoff until the bus has it (DESIGN.md §11: no safety event rides on
 * a single publish). Several relays may run at once (rows are claimed with SKIP LOCKED and the msgIds
 * make a repeat harmless).
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { bus, outbox, kinds, pollMs = 1_000, maxBackoffMs = 5_000, batch = 100 } = options;
  const keepPublishedMs = options.keepPublishedMs ?? 3_600_000;
  const logger = options.logger.child({ component: 'outbox-relay' });
  const publishOne = publisherFor(bus);
  let stopped = false;
  let wake: (() => void) | undefined;
  let poked = false;
  let loop: Promise<void> | undefined;
  // Waiters join the next drain (one that starts after they asked), so a drain already running
  // cannot answer for a message committed after it began.
  const waiting: Array<() => void> = [];
  const draining: Array<() => void> = [];
  let lastPrune = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (poked || stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function drainOnce(): Promise<'more' | 'idle' | 'failed'> {
    poked = false;
    draining.push(...waiting.splice(0));
    try {
      const result = await outbox.drain(kinds, batch, publishOne);
      if (result.error !== undefined) {
        logger.warn(
          { err: result.error, published: result.published },
          'outbox relay: publish failed, retrying',
        );
        return 'failed';
      }
      if (Date.now() - lastPrune > 60_000) {
        lastPrune = Date.now();
        await outbox.prune(keepPublishedMs);
      }
      return result.published === batch ? 'more' : 'idle';
    } catch (err) {
      logger.error({ err }, 'outbox relay: the outbox could not be read, retrying');
      return 'failed';
    }
  }

  async function run(): Promise<void> {
    let backoff = pollMs;
    while (!stopped) {
      const outcome = await drainOnce();
      if (outcome === 'more') continue;
      if (outcome === 'idle') {
        backoff = pollMs;
        for (const resolve of draining.splice(0)) resolve();
        await wait(pollMs);
      } else {
        backoff = Math.min(backoff * 2, maxBackoffMs);
        await wait(backoff);
      }
    }
  }

  return {
    start() {
      loop ??= run();
    },
    poke() {
      poked = true;
      wake?.();
    },
    idle() {
      return new Promise((resolve) => {
        waiting.push(resolve);
        poked = true;
        wake?.();
      });
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      for (const resolve of [...draining.splice(0), ...waiting.splice(0)]) resolve();
    },
  };
}
