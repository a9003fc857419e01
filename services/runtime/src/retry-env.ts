import { z } from 'zod';
import type { BackoffPolicy } from './backoff.js';

const positiveMs = z.coerce.number().int().positive();

/** How a service retries PostgreSQL and NATS at start-up: a service's env schema takes these entries. */
export const startupRetryEnv = {
  /** The first wait after a failed attempt; each further one doubles. */
  STARTUP_RETRY_DELAY_MS: positiveMs.default(500),
  /** The longest wait between two attempts. */
  STARTUP_RETRY_MAX_DELAY_MS: positiveMs.default(15_000),
};

/** The backoff of `retryUntilReady` from the parsed entries (a fifth of jitter). */
export function startupRetryPolicy(e: {
  readonly STARTUP_RETRY_DELAY_MS: number;
  readonly STARTUP_RETRY_MAX_DELAY_MS: number;
}): BackoffPolicy {
  return { initialMs: e.STARTUP_RETRY_DELAY_MS, maxMs: e.STARTUP_RETRY_MAX_DELAY_MS, jitter: 0.2 };
}
