/** How long to wait between attempts: `initialMs`, doubling on every failure, capped at `maxMs`. */
export interface BackoffPolicy {
  readonly initialMs: number;
  /** The longest wait (never below `initialMs`). */
  readonly maxMs: number;
  /** Up to this fraction (0–1) is taken off each wait at random, so instances drift apart; default 0. */
  readonly jitter?: number;
}

/** The wait before retry number `attempt` (1-based). `random` returns a number in [0, 1). */
export function backoffDelay(
  { initialMs, maxMs, jitter = 0 }: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  if (!(initialMs > 0)) throw new RangeError(`initialMs must be > 0, got ${initialMs}`);
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`jitter must be 0–1, got ${jitter}`);
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be a whole number ≥ 1, got ${attempt}`);
  const full = Math.max(initialMs, Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 52)));
  return Math.max(1, Math.round(full * (1 - jitter * random())));
}
