import type { RateLimited } from '@livegate/binance';
import type { Logger } from '@livegate/runtime';

/**
 * The longest venue Retry-After a cancel (the kill switch's or a strategy's) waits out before it
 * tries once more. A longer one is answered at once: the kill switch's next sweep, or the strategy's
 * next cancel, tries again.
 */
export const RETRY_AFTER_WAIT_MAX_MS = 10_000;

export interface RetryAfterDeps {
  readonly logger: Logger;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * One venue call, tried again once after a short Retry-After: a 429 (or our budget's stop after one)
 * holds every client of the key, so calling through it earns a 418; waiting it out once is the
 * most a cancel may do.
 */
export async function waitingOutRetryAfter<T extends { kind: string }>(
  deps: RetryAfterDeps,
  label: string,
  call: () => Promise<T | RateLimited>,
): Promise<T | RateLimited> {
  const first = await call();
  if (first.kind !== 'rate-limited') return first;
  const { retryAfterMs } = first as RateLimited;
  if (retryAfterMs > RETRY_AFTER_WAIT_MAX_MS) return first;
  deps.logger.warn({ call: label, retryAfterMs }, 'waiting out the venue Retry-After');
  await deps.sleep(retryAfterMs);
  return call();
}
