import { setTimeout as delay } from 'node:timers/promises';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { Logger } from './logger.js';

export interface RetryUntilReadyProps<T> {
  /** The dependency, for the log lines: `PostgreSQL`, `NATS`. */
  readonly what: string;
  /** One try at reaching it (each try cleans up after itself when it fails). */
  readonly attempt: () => Promise<T>;
  /** False for a failure no wait can fix (a configuration error): it is thrown at once. */
  readonly isTransient: (err: unknown) => boolean;
  readonly policy: BackoffPolicy;
  readonly logger: Pick<Logger, 'warn' | 'info'>;
  /** Waits `ms`; tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Tries `attempt` until it succeeds, waiting with bounded exponential backoff after each transient
 * failure (one warning each: why, which retry, how long), so a service outlives a dependency that is
 * late; a permanent failure is thrown at once.
 */
export async function retryUntilReady<T>({
  what,
  attempt,
  isTransient,
  policy,
  logger,
  sleep = (ms) => delay(ms),
  random,
}: RetryUntilReadyProps<T>): Promise<T> {
  for (let retry = 1; ; retry += 1) {
    try {
      const value = await attempt();
      if (retry > 1)
        logger.info(
          { dependency: what, attempts: retry },
          `${what} reachable after ${retry} attempts`,
        );
      return value;
    } catch (err) {
      if (!isTransient(err)) throw err;
      const delayMs = backoffDelay(policy, retry, random);
      const reason = messageOf(err);
      logger.warn(
        { dependency: what, retry, delayMs, reason },
        `${what} not reachable (${reason}); retry ${retry} in ${delayMs} ms`,
      );
      await sleep(delayMs);
    }
  }
}
