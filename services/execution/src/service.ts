import { randomUUID } from 'node:crypto';
import type { Consumer } from '@livegate/bus';
import {
  modeChangedSchema,
  reconcileRequestSchema,
  type IntentMode,
  type ModeChanged,
} from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import { z } from 'zod';
import type { CrashPoint, ExecutionConfig } from './config.js';
import type { Db } from './db.js';
import type { ExecutionBus } from './execution-bus.js';
import { createIntentHandler } from './handle-intent.js';
import { invalidIntentEvent, subjectSource } from './invalid-intent.js';
import { createKillSwitch, type KillSwitch } from './kill-switch.js';
import { liveIntakeOpen } from './live-gate.js';
import { readMode } from './orders.repository.js';
import { createPublisher } from './publisher.js';
import { watchReconcile, type ReconcileWatch } from './reconcile-watch.js';
import { DEFAULT_TIMING, type ExecutionTiming, type Venues } from './work-deps.js';

/** What the service decides with, taken from the config (see {@link settingsFrom}). */
export interface ExecutionSettings {
  readonly instanceId: string;
  readonly concurrency: number;
  /** Ack wait of the intent consumer; working() is sent every third of it during venue calls. */
  readonly ackWaitMs: number;
  readonly intentMaxAgeMs: number;
  readonly clockMarginMs: number;
  readonly requireReconcile: boolean;
  readonly recvWindows: Readonly<Record<IntentMode, number>>;
  /** The venues' per-call deadline; the lease on a row outlasts a whole placement (5 calls). */
  readonly venueTimeoutMs: number;
}

export function settingsFrom(config: ExecutionConfig): ExecutionSettings {
  return {
    instanceId: config.instanceId,
    concurrency: config.concurrency,
    ackWaitMs: config.ackWaitMs,
    intentMaxAgeMs: config.intentMaxAgeMs,
    clockMarginMs: config.clockMarginMs,
    requireReconcile: config.requireReconcile,
    recvWindows: { paper: config.venues.paper.recvWindowMs, live: config.venues.live.recvWindowMs },
    venueTimeoutMs: Math.max(config.venues.paper.timeoutMs, config.venues.live.timeoutMs),
  };
}

export interface ExecutionServiceProps {
  readonly db: Db;
  readonly bus: ExecutionBus;
  readonly venues: Venues;
  readonly settings: ExecutionSettings;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly crash?: (point: CrashPoint) => void;
  readonly timing?: Partial<ExecutionTiming>;
}

export interface ExecutionService {
  /** Starts the reconcile watch, the kill-switch consumer and the intent consumer. */
  start(): Promise<void>;
  /** Stops consuming and waits for in-flight intents; the caller closes db, bus and venues. */
  stop(): Promise<void>;
  /** Whether live intents are consumed now. */
  liveIntakeOpen(): boolean;
  readonly killSwitch: KillSwitch;
}

/** Durable of the intent consumer: every instance shares it, so each message goes to one of them. */
export const INTENT_DURABLE = 'execution';
/** Durable of the kill-switch consumer on MODE: one instance sweeps per kill. */
export const MODE_DURABLE = 'execution-kill';

/**
 * The execution service: consumes ORDER_INTENTS (DESIGN.md §4), sends at most one exchange order per
 * intent, publishes order events, and cancels open live orders when trading is halted.
 */
export function createExecutionService(props: ExecutionServiceProps): ExecutionService {
  const { db, bus, venues, settings, logger, now = Date.now, crash = () => {} } = props;
  const timing: ExecutionTiming = {
    ...DEFAULT_TIMING,
    workingEveryMs: Math.floor(settings.ackWaitMs / 3),
    ...props.timing,
  };
  const publisher = createPublisher({ bus, logger });
  const killSwitch = createKillSwitch({ db, live: venues.live, publisher, logger, now });
  const consumers: Array<Consumer | ReconcileWatch> = [];
  let startedAt = Number.POSITIVE_INFINITY;
  let reconciled: ReconcileWatch | undefined;

  const intakeOpen = () =>
    liveIntakeOpen({
      startedAt,
      lastReconcileCompleted: reconciled?.last(),
      required: settings.requireReconcile,
    });

  const handleIntent = createIntentHandler({
    db,
    publisher,
    venues,
    logger,
    now,
    crash,
    timing,
    instanceId: settings.instanceId,
    recvWindows: settings.recvWindows,
    clockMarginMs: settings.clockMarginMs,
    intentMaxAgeMs: settings.intentMaxAgeMs,
    leaseMs: 5 * settings.venueTimeoutMs + 5_000,
    liveIntakeOpen: intakeOpen,
    onLiveResting: (row) => killSwitch.cancelIfHalted(row),
  });

  async function onModeChanged(
    change: ModeChanged,
    ctl: { ack(): Promise<void>; nak(ms?: number): void },
  ) {
    const current = change.mode === 'HALTED' ? await readMode(db) : change.mode;
    logger.info({ mode: change.mode, version: change.version, current }, 'mode.changed');
    if (current === 'HALTED') {
      const report = await killSwitch.sweep({
        reason: change.reason,
        operator: change.operator,
        version: change.version,
      });
      if (report.failed.length > 0) {
        ctl.nak(timing.killRetryMs);
        return;
      }
    }
    await ctl.ack();
  }

  async function warmUp(): Promise<void> {
    for (const [mode, venue] of Object.entries(venues)) {
      const info = await venue.exchangeInfo();
      if (info.kind !== 'ok')
        logger.warn({ venue: mode, reason: info.message }, 'exchangeInfo not loaded yet');
    }
  }

  return {
    killSwitch,
    liveIntakeOpen: intakeOpen,
    async start() {
      startedAt = now();
      await warmUp();
      if (settings.requireReconcile) {
        reconciled = await watchReconcile({
          bus,
          instanceId: settings.instanceId,
          since: startedAt,
          logger,
        });
        consumers.push(reconciled);
        // Ask for a live run now rather than waiting for the reconciler's timer (its report opens the gate).
        await bus.publish(bus.subjects.reconcileRequest, reconcileRequestSchema, {
          requestId: randomUUID(),
          trigger: 'execution-start',
          venue: 'live',
          at: new Date(startedAt).toISOString(),
        });
      }
      consumers.push(
        await bus.consume({
          stream: bus.streams.mode,
          durable: MODE_DURABLE,
          filterSubject: bus.subjects.modeChanged,
          schema: modeChangedSchema,
          handler: onModeChanged,
        }),
        await bus.consume({
          stream: bus.streams.orderIntents,
          durable: INTENT_DURABLE,
          filterSubject: bus.subjects.orderIntentAll,
          schema: z.unknown(),
          ackWaitMs: settings.ackWaitMs,
          maxInFlight: settings.concurrency,
          handler: handleIntent,
          onInvalid: async ({ subject, issues }) => {
            const event = invalidIntentEvent({
              source: subjectSource(subject),
              raw: undefined,
              issues,
              msgId: undefined,
              now: now(),
            });
            await publisher.announce({ events: [event], audits: [] });
          },
        }),
      );
      logger.info(
        {
          instanceId: settings.instanceId,
          concurrency: settings.concurrency,
          liveIntakeOpen: intakeOpen(),
        },
        'execution service started',
      );
    },
    async stop() {
      for (const consumer of consumers.splice(0).reverse()) await consumer.stop();
      logger.info('execution service stopped');
    },
  };
}
