import type { BinanceSpotAdapter } from '@livegate/binance';
import type { IntentMode } from '@livegate/contracts';
import type { ExecutionOrderRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { CrashPoint } from './config.js';
import type { CommitDeps } from './row-commit.js';

/** The two venues; an intent's mode picks one, and only that one. */
export type Venues = Readonly<Record<IntentMode, BinanceSpotAdapter>>;

/** Delays (ms) of the redelivery decisions; tests shorten them. */
export interface ExecutionTiming {
  /** Another instance (or another message here) works the row. */
  readonly leaseBusyRetryMs: number;
  /** A live intent waits for the first reconcile.completed. */
  readonly holdRetryMs: number;
  /** Least wait before the next lookup of an unresolved order. */
  readonly lookupRetryMs: number;
  /** The venue could not take the order (data for the pre-trade check unavailable). */
  readonly notSentRetryMs: number;
  /** A kill-switch sweep left orders it could not cancel. */
  readonly killRetryMs: number;
  /** How long a cancel waits for a SUBMITTING / UNKNOWN placement to resolve before it answers NOT_RESOLVED. */
  readonly cancelWaitMs: number;
  /** How often `working()` extends the ack wait during a venue call (default: a third of it). */
  readonly workingEveryMs: number;
}

export const DEFAULT_TIMING: ExecutionTiming = Object.freeze({
  leaseBusyRetryMs: 250,
  holdRetryMs: 1_000,
  lookupRetryMs: 500,
  notSentRetryMs: 1_000,
  killRetryMs: 2_000,
  cancelWaitMs: 30_000,
  workingEveryMs: 10_000,
});

export interface WorkDeps extends CommitDeps {
  readonly venues: Venues;
  /** The recvWindow each venue's adapter sends (stored on the row for the NOT_PLACED rule). */
  readonly recvWindows: Readonly<Record<IntentMode, number>>;
  readonly logger: Logger;
  readonly clockMarginMs: number;
  /** How long not-found lookups must keep agreeing before NOT_PLACED (read lag at the venue). */
  readonly notPlacedConfirmMs: number;
  readonly intentMaxAgeMs: number;
  /** How far ahead of the database's clock an intent's createdAt may be. */
  readonly intentFutureMarginMs: number;
  readonly leaseMs: number;
  /** A fenced request must be signed within this long of its fenced step, or not at all. */
  readonly sendBudgetMs: number;
  /** A clock that only moves forward (ms), for the send budget; performance.now() by default. */
  readonly monotonic: () => number;
  readonly timing: ExecutionTiming;
  /** Test-only crash / freeze points (EXECUTION_CRASH_AT, EXECUTION_FREEZE_AT); a no-op otherwise. */
  readonly crash: (point: CrashPoint) => void | Promise<void>;
  /** A live order now rests on the venue: the kill switch cancels it if trading was halted meanwhile. */
  readonly onLiveResting: (row: ExecutionOrderRow) => Promise<void>;
}
