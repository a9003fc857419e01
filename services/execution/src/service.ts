import { randomUUID } from 'node:crypto';
import { createOutboxRelay, publishBalancesStored, type Consumer } from '@livegate/bus';
import {
  modeChangedSchema,
  orderCancelSchema,
  reconcileRequestSchema,
  type IntentMode,
  type ModeChanged,
} from '@livegate/contracts';
import { createOutboxStore, dbNow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { z } from 'zod';
import { createBalanceFeed } from './balance-feed.js';
import type { CrashPoint, ExecutionConfig } from './config.js';
import type { Db } from './db.js';
import type { ExecutionBus } from './execution-bus.js';
import { createCancelHandler } from './handle-cancel.js';
import { createIntentHandler } from './handle-intent.js';
import { invalidIntentEvent, subjectSource } from './invalid-intent.js';
import { createKillSwitch, type KillSwitch } from './kill-switch.js';
import { createKillWatch } from './kill-watch.js';
import { createFillFeed, type FillFeed, type UserStreamSource } from './fill-feed.js';
import { createLiveGate } from './live-gate.js';

import { createPublisher } from './publisher.js';
import { whileWorking } from './verdict.js';
import { DEFAULT_TIMING, type ExecutionTiming, type Venues } from './work-deps.js';

/** What the service decides with, taken from the config (see {@link settingsFrom}). */
export interface ExecutionSettings {
  readonly instanceId: string;
  readonly concurrency: number;
  /** Ack wait of the intent consumer; working() is sent every third of it while an intent is worked on. */
  readonly ackWaitMs: number;
  /** Deliveries of one intent message before it is dead-lettered. */
  readonly maxDeliver: number;
  readonly intentMaxAgeMs: number;
  readonly intentFutureMarginMs: number;
  readonly clockMarginMs: number;
  readonly notPlacedConfirmMs: number;
  readonly sendBudgetMs: number;
  readonly killPollMs: number;
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
    maxDeliver: config.maxDeliver,
    intentMaxAgeMs: config.intentMaxAgeMs,
    intentFutureMarginMs: config.intentFutureMarginMs,
    clockMarginMs: config.clockMarginMs,
    notPlacedConfirmMs: config.notPlacedConfirmMs,
    sendBudgetMs: config.sendBudgetMs,
    killPollMs: config.killPollMs,
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
  readonly monotonic?: () => number;
  readonly crash?: (point: CrashPoint) => void | Promise<void>;
  readonly timing?: Partial<ExecutionTiming>;
  /** User data streams (per venue) whose executionReports feed the order rows in real time. */
  readonly userStreams?: Partial<Readonly<Record<IntentMode, UserStreamSource>>>;
}

export interface ExecutionService {
  /** Starts the outbox relay, the kill watch, the live gate and the intent consumer. */
  start(): Promise<void>;
  /** Stops consuming and waits for in-flight intents; the caller closes db, bus and venues. */
  stop(): Promise<void>;
  /** Whether live intents are consumed now. */
  liveIntakeOpen(): boolean;
  readonly killSwitch: KillSwitch;
}

/** Durable of the intent consumer: every instance shares it, so each message goes to one of them. */
export const INTENT_DURABLE = 'execution';
/** Durable of the cancel consumer (orders.cancel.> on ORDER_INTENTS): every instance shares it. */
export const CANCEL_DURABLE = 'execution-cancel';
/** Durable of the kill-switch consumer on MODE: one instance handles each mode change. */
export const MODE_DURABLE = 'execution-kill';

/**
 * The execution service: consumes ORDER_INTENTS (DESIGN.md §4), sends at most one exchange order per
 * intent through the fenced step, publishes order events, and cancels open live orders while trading
 * is halted — learnt from the database itself as well as from `mode.changed`.
 */
export function createExecutionService(props: ExecutionServiceProps): ExecutionService {
  const { db, bus, venues, settings, logger, now = Date.now, crash = () => {} } = props;
  const monotonic = props.monotonic ?? (() => performance.now());
  const timing: ExecutionTiming = {
    ...DEFAULT_TIMING,
    workingEveryMs: Math.floor(settings.ackWaitMs / 3),
    ...props.timing,
  };
  const relay = createOutboxRelay({
    bus,
    outbox: createOutboxStore(db),
    kinds: ['audit'],
    logger,
  });
  const publisher = createPublisher({ bus, relay });
  const killSwitch = createKillSwitch({ db, live: venues.live, publisher, logger, now });
  const killWatch = createKillWatch({ db, killSwitch, pollMs: settings.killPollMs, logger });
  const consumers: Consumer[] = [];
  const leaseMs = 5 * settings.venueTimeoutMs + 5_000;
  const feeds: FillFeed[] = Object.entries(props.userStreams ?? {}).map(([mode, stream]) =>
    createFillFeed({
      db,
      publisher,
      now,
      venueName: mode,
      venue: venues[mode as IntentMode],
      stream,
      logger: logger.child({ feed: mode }),
    }),
  );
  // Balances from each venue's account stream into money.balances (no venue request of their own).
  const balanceFeeds = Object.entries(venues).map(([mode, venue]) =>
    createBalanceFeed({
      db,
      venueName: mode as IntentMode,
      venue,
      notify: (note) => publishBalancesStored(bus, note),
      logger: logger.child({ balances: mode }),
    }),
  );
  // The live intake: closed until the live gate opens (see openGate); it never closes again.
  let intakeOpen = false;
  const liveIntakeOpen = () => intakeOpen;
  let gateTimer: NodeJS.Timeout | undefined;

  const handleIntent = createIntentHandler({
    db,
    bus,
    publisher,
    venues,
    logger,
    now,
    monotonic,
    crash,
    timing,
    instanceId: settings.instanceId,
    recvWindows: settings.recvWindows,
    clockMarginMs: settings.clockMarginMs,
    notPlacedConfirmMs: settings.notPlacedConfirmMs,
    intentMaxAgeMs: settings.intentMaxAgeMs,
    intentFutureMarginMs: settings.intentFutureMarginMs,
    sendBudgetMs: settings.sendBudgetMs,
    maxDeliver: settings.maxDeliver,
    leaseMs,
    liveIntakeOpen,
    onLiveResting: (row) =>
      killWatch.check({ reason: 'a live order came to rest', intentId: row.intent_id }),
  });

  const handleCancel = createCancelHandler({
    db,
    publisher,
    venues,
    logger,
    now,
    monotonic,
    instanceId: settings.instanceId,
    leaseMs,
    timing,
    crash,
  });

  async function onModeChanged(
    change: ModeChanged,
    ctl: { ack(): Promise<void>; working(): void },
  ) {
    logger.info({ mode: change.mode, version: change.version }, 'mode.changed');
    await whileWorking(ctl, timing.workingEveryMs, () =>
      killWatch.check({
        reason: 'mode.changed',
        operator: change.operator,
        modeVersion: change.version,
      }),
    );
    await ctl.ack();
  }

  async function warmUp(): Promise<void> {
    for (const [mode, venue] of Object.entries(venues)) {
      const info = await venue.exchangeInfo();
      if (info.kind !== 'ok')
        logger.warn({ venue: mode, reason: info.message }, 'exchangeInfo not loaded yet');
    }
  }

  /** Reads the reconcile runs until a clean live one opens the gate (a reconcile.completed hurries it). */
  async function openGate(startedAt: Date): Promise<void> {
    const liveGate = createLiveGate({ db, startedAt, required: settings.requireReconcile });
    intakeOpen = liveGate.isOpen();
    if (intakeOpen) return;
    // Ask for a live run now rather than waiting for the reconciler's timer.
    await bus.publish(bus.subjects.reconcileRequest, reconcileRequestSchema, {
      requestId: randomUUID(),
      trigger: 'execution-start',
      venue: 'live',
      at: startedAt.toISOString(),
    });
    const poll = async () => {
      const open = await liveGate.refresh().catch((err: unknown) => {
        logger.warn(
          { err },
          'live gate: reading the reconcile runs failed; the intake stays closed',
        );
        return false;
      });
      if (open) {
        intakeOpen = true;
        clearInterval(gateTimer);
        logger.info('live venue reconciled (clean run after start): live intake open');
      }
    };
    gateTimer = setInterval(() => void poll(), timing.holdRetryMs);
  }

  return {
    killSwitch,
    liveIntakeOpen,
    async start() {
      relay.start();
      for (const feed of balanceFeeds) feed.start();
      const startedAt = new Date(await dbNow(db));
      await warmUp();
      await openGate(startedAt);
      killWatch.start();
      void killWatch.check({ reason: 'start' });
      for (const feed of feeds) await feed.start();
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
          durable: CANCEL_DURABLE,
          filterSubject: bus.subjects.orderCancelAll,
          schema: orderCancelSchema,
          ackWaitMs: settings.ackWaitMs,
          maxDeliver: settings.maxDeliver,
          maxInFlight: settings.concurrency,
          handler: handleCancel,
          onInvalid: async ({ subject, issues }) => {
            logger.warn({ subject, issues }, 'invalid cancel message dropped');
          },
        }),
        await bus.consume({
          stream: bus.streams.orderIntents,
          durable: INTENT_DURABLE,
          filterSubject: bus.subjects.orderIntentAll,
          schema: z.unknown(),
          ackWaitMs: settings.ackWaitMs,
          maxDeliver: settings.maxDeliver,
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
          liveIntakeOpen: intakeOpen,
        },
        'execution service started',
      );
    },
    async stop() {
      clearInterval(gateTimer);
      for (const consumer of consumers.splice(0).reverse()) await consumer.stop();
      for (const feed of feeds) await feed.stop();
      for (const feed of balanceFeeds) await feed.stop();
      await killWatch.stop();
      await relay.stop();
      logger.info('execution service stopped');
    },
  };
}
