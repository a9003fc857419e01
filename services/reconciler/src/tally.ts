import type { OrderState, ReconcileCompleted, ReconcileTrigger } from '@livegate/contracts';
import type { RunError } from './run-error.js';
import type { VenueName } from './venue.js';

/** At most this many errors are listed in one report; the rest are summed up in the last entry. */
export const MAX_REPORTED_ERRORS = 50;

/** The counts of one run, as it goes. */
export interface Tally {
  rowsChecked: number;
  readonly rowsChanged: Record<string, number>;
  fillsAdded: number;
  externalOrders: number;
  unresolved: number;
  readonly errors: RunError[];
  dropped: number;
}

export function createTally(): Tally {
  return {
    rowsChecked: 0,
    rowsChanged: {},
    fillsAdded: 0,
    externalOrders: 0,
    unresolved: 0,
    errors: [],
    dropped: 0,
  };
}

export function countChange(tally: Tally, from: OrderState, to: OrderState): void {
  const key = `${from}->${to}`;
  tally.rowsChanged[key] = (tally.rowsChanged[key] ?? 0) + 1;
}

export function addError(tally: Tally, error: RunError): void {
  if (tally.errors.length < MAX_REPORTED_ERRORS - 1) tally.errors.push(error);
  else tally.dropped += 1;
}

function reportedErrors(tally: Tally): RunError[] {
  if (tally.dropped === 0) return [...tally.errors];
  return [
    ...tally.errors,
    {
      code: 'INTERNAL',
      message: `${tally.dropped} more errors of this run are not listed here; see the reconciler log.`,
    },
  ];
}

export interface RunJob {
  readonly trigger: ReconcileTrigger;
  /** The `reconcile.request`s this run answers (coalesced), oldest first. */
  readonly requestIds: readonly string[];
  /** Open orders of every symbol (the startup run), not only the symbols that have rows. */
  readonly allSymbols: boolean;
}

/** The `reconcile.completed` report of a finished run. */
export function buildReport({
  runId,
  venue,
  job,
  startedAt,
  finishedAt,
  tally,
}: {
  runId: string;
  venue: VenueName;
  job: RunJob;
  startedAt: number;
  finishedAt: number;
  tally: Tally;
}): ReconcileCompleted {
  const [requestId] = job.requestIds;
  return {
    runId,
    ...(requestId !== undefined && { requestId }),
    trigger: job.trigger,
    venue,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    rowsChecked: tally.rowsChecked,
    rowsChanged: { ...tally.rowsChanged },
    fillsAdded: tally.fillsAdded,
    externalOrders: tally.externalOrders,
    unresolved: tally.unresolved,
    errors: reportedErrors(tally),
  };
}

/**
 * What the reconcile gate holds for arming: the unresolved rows, and at least 1 when the run ended
 * with errors (the database may still disagree with the venue, so arming stays refused).
 */
export function gateUnresolved(report: Pick<ReconcileCompleted, 'unresolved' | 'errors'>): number {
  if (report.unresolved > 0) return report.unresolved;
  return report.errors.length > 0 ? 1 : 0;
}
