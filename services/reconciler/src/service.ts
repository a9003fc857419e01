import { createOutboxRelay, type Bus, type Consumer } from '@livegate/bus';
import { reconcileRequestSchema, type ReconcileCompleted } from '@livegate/contracts';
import { createOutboxStore } from '@livegate/db';
import { backoffDelay, type BackoffPolicy, type Logger } from '@livegate/runtime';
import type { ReconcileRules } from './config.js';
import type { Db } from './db.js';
import { createPublisher } from './publisher.js';
import type { RunBatchTuning } from './reconcile-row.js';
import { runVenue } from './run-venue.js';
import { createScheduler, type RunAsk } from './scheduler.js';
import type { VenueName, Venues } from './venue.js';

export type ReconcilerBus = Pick<Bus, 'subjects' | 'streams' | 'publish' | 'consume'>;

export interface ReconcilerProps {
  readonly db: Db;
  readonly bus: ReconcilerBus;
  readonly venues: Venues;
  readonly rules: ReconcileRules;
  /** Time between two timer-started runs of each venue. */
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Decisions and timestamps (tests move it); default `Date.now`. */
  readonly now?: () => number;
  /** How a rate-limit pause waits; default a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly tradesPageSize?: number;
  /** Batch widths and sizes of a run (tests make them small); defaults suit 10,000 rows. */
  readonly batch?: RunBatchTuning;
  /** Durable consumer name of `reconcile.request` (instances sharing it share the requests). */
  readonly durable?: string;
  /** Waits between tries of the start-up run; default 500 ms doubling to 15 s. */
  readonly startupRetry?: BackoffPolicy;
}

const STARTUP_RETRY: BackoffPolicy = { initialMs: 500, maxMs: 15_000, jitter: 0.2 };

export interface Reconciler {
  /**
   * Starts a run of every venue (trigger `startup`, open orders of every symbol), then consumes
   * `reconcile.request` and runs each venue every `intervalMs`. Resolves with the startup reports.
   */
  start(): Promise<ReconcileCompleted[]>;
  /** Asks for a run (every venue without `venue`); resolves with the report of the covering run. */
  request(ask: RunAsk & { readonly venue?: VenueName }): Promise<ReconcileCompleted[]>;
  /** Stops the timer and the consumer and waits for runs in progress; the caller closes db and bus. */
  stop(): Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The reconciler service (DESIGN.md §6): makes the order table agree with each venue. */
export function createReconciler(props: ReconcilerProps): Reconciler {
  const { bus, logger, venues } = props;
  const names = (Object.keys(venues) as VenueName[]).sort();
  const relay = createOutboxRelay({
    bus,
    outbox: createOutboxStore(props.db),
    kinds: ['audit'],
    logger,
  });
  const publisher = createPublisher(bus, relay);
  const sleep = props.sleep ?? wait;
  const deps = {
    db: props.db,
    publisher,
    logger,
    now: props.now ?? Date.now,
    sleep,
    rules: props.rules,
    ...(props.tradesPageSize !== undefined && { tradesPageSize: props.tradesPageSize }),
    ...(props.batch !== undefined && { batch: props.batch }),
  };
  const scheduler = createScheduler({
    logger,
    run: (venue, job) =>
      runVenue(deps, venue, venues[venue] as NonNullable<Venues[VenueName]>, job),
  });
  let consumer: Consumer | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const request: Reconciler['request'] = ({ venue, ...ask }) =>
    scheduler.request(venue === undefined ? names : names.filter((n) => n === venue), ask);

  const background = (ask: RunAsk & { venue?: VenueName }) =>
    void request(ask).catch(() => {
      // Already logged by the scheduler; the next ask or the timer tries again.
    });

  /**
   * The start-up run (every symbol) until it completes: a run that throws (the database went away
   * mid-run) is tried again with backoff instead of ending the process; the gate stays closed meanwhile.
   */
  async function startupRun(): Promise<ReconcileCompleted[]> {
    for (let retry = 1; ; retry += 1) {
      try {
        return await request({ trigger: 'startup', allSymbols: true });
      } catch (err) {
        const delayMs = backoffDelay(props.startupRetry ?? STARTUP_RETRY, retry);
        logger.warn(
          { err, retry, delayMs },
          'the start-up reconcile run failed; it is tried again',
        );
        await sleep(delayMs);
        if (stopped)
          throw new Error('stopped before the start-up reconcile run completed', { cause: err });
      }
    }
  }

  return {
    async start() {
      relay.start();
      const startup = startupRun();
      // Handled by the caller of start(); this keeps a failure during the set-up below from
      // counting as unhandled meanwhile.
      startup.catch(() => {});
      consumer = await bus.consume({
        stream: bus.streams.reconcile,
        durable: props.durable ?? 'reconciler',
        filterSubject: bus.subjects.reconcileRequest,
        schema: reconcileRequestSchema,
        handler: async (req, ctl) => {
          logger.info(
            { requestId: req.requestId, trigger: req.trigger, venue: req.venue },
            'reconcile requested',
          );
          background({
            trigger: req.trigger,
            requestId: req.requestId,
            ...(req.venue !== undefined && { venue: req.venue }),
          });
          await ctl.ack();
        },
        onInvalid: async (raw) => {
          logger.warn({ issues: raw.issues }, 'invalid reconcile.request ignored');
        },
      });
      timer = setInterval(() => background({ trigger: 'interval' }), props.intervalMs);
      timer.unref();
      return startup;
    },
    request,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await consumer?.stop();
      await scheduler.idle();
      await relay.stop();
    },
  };
}
