import type { ReconcileCompleted, ReconcileTrigger } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { RunJob } from './tally.js';
import type { VenueName } from './venue.js';

/** One ask for a run: why, which request (if any), and whether every symbol is read. */
export interface RunAsk {
  readonly trigger: ReconcileTrigger;
  readonly requestId?: string;
  readonly allSymbols?: boolean;
}

export interface Scheduler {
  /**
   * Asks for a run of each venue. A venue that is idle starts at once; one that is running takes the
   * ask into its next run (all asks made during a run share that one run). Resolves with the report
   * of the run that covers the ask, per venue.
   */
  request(venues: readonly VenueName[], ask: RunAsk): Promise<ReconcileCompleted[]>;
  /** Resolves once no venue runs or has asks waiting. */
  idle(): Promise<void>;
}

interface Waiting {
  readonly ask: RunAsk;
  readonly resolve: (report: ReconcileCompleted) => void;
  readonly reject: (err: unknown) => void;
}

interface VenueQueue {
  running: Promise<void> | undefined;
  readonly waiting: Waiting[];
}

/** The asks of one batch as one run: the first ask's trigger, every request id, all symbols if any asked. */
export function mergeAsks(asks: readonly RunAsk[]): RunJob {
  return {
    trigger: (asks[0] as RunAsk).trigger,
    requestIds: asks.flatMap((a) => (a.requestId === undefined ? [] : [a.requestId])),
    allSymbols: asks.some((a) => a.allSymbols === true),
  };
}

export function createScheduler({
  run,
  logger,
}: {
  run: (venue: VenueName, job: RunJob) => Promise<ReconcileCompleted>;
  logger: Logger;
}): Scheduler {
  const queues = new Map<VenueName, VenueQueue>();

  async function drain(venue: VenueName, queue: VenueQueue): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0);
      try {
        const report = await run(venue, mergeAsks(batch.map((w) => w.ask)));
        for (const w of batch) w.resolve(report);
      } catch (err) {
        logger.error({ err, venue }, 'reconcile run could not run');
        for (const w of batch) w.reject(err);
      }
    }
    queue.running = undefined;
  }

  function ask(venue: VenueName, a: RunAsk): Promise<ReconcileCompleted> {
    let queue = queues.get(venue);
    if (queue === undefined) {
      queue = { running: undefined, waiting: [] };
      queues.set(venue, queue);
    }
    const q = queue;
    const covered = new Promise<ReconcileCompleted>((resolve, reject) => {
      q.waiting.push({ ask: a, resolve, reject });
    });
    q.running ??= drain(venue, q);
    return covered;
  }

  return {
    request: (venues, a) => Promise.all(venues.map((v) => ask(v, a))),
    async idle() {
      for (;;) {
        const running = [...queues.values()].flatMap((q) => (q.running ? [q.running] : []));
        if (running.length === 0) return;
        await Promise.all(running);
      }
    },
  };
}
