import type { ConfigFault, RateLimited, Unknown } from '@livegate/binance';
import type { Logger } from '@livegate/runtime';
import { RunAborted } from './run-error.js';

export interface PacerProps {
  /** Total Retry-After this run may wait out. */
  readonly maxPauseMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: Logger;
}

/** Outcomes that say the venue cannot be worked with right now (handled by the pacer). */
type VenueWide = RateLimited | Unknown | ConfigFault;

export interface Pacer {
  /**
   * One venue call: a rate limit pauses for its Retry-After and repeats the call (within the run's
   * pause budget); an unknown answer or a config fault ends the run (RunAborted). What is left —
   * success, not-found, a definitive refusal of this one request — goes back to the caller.
   */
  call<R extends { readonly kind: string }>(
    label: string,
    request: () => Promise<R>,
  ): Promise<Exclude<R, VenueWide>>;
  /** Milliseconds paused so far. */
  pausedMs(): number;
}

function isVenueWide(r: { readonly kind: string }): r is VenueWide {
  return r.kind === 'rate-limited' || r.kind === 'unknown' || r.kind === 'config-fault';
}

function abortFor(label: string, r: Unknown | ConfigFault): RunAborted {
  return new RunAborted(
    r.kind === 'config-fault'
      ? {
          code: 'VENUE_CONFIG_FAULT',
          message: `${label}: the venue refused our configuration (${r.code}: ${r.message}).`,
        }
      : {
          code: 'VENUE_UNAVAILABLE',
          message: `${label}: the venue's answer is unknown (${r.cause}: ${r.message}).`,
        },
  );
}

export function createPacer({ maxPauseMs, sleep, logger }: PacerProps): Pacer {
  let paused = 0;
  return {
    pausedMs: () => paused,
    async call<R extends { readonly kind: string }>(label: string, request: () => Promise<R>) {
      for (;;) {
        const r = await request();
        if (!isVenueWide(r)) return r as Exclude<R, VenueWide>;
        if (r.kind !== 'rate-limited') throw abortFor(label, r);
        if (r.banned || paused + r.retryAfterMs > maxPauseMs) {
          throw new RunAborted({
            code: 'RATE_LIMITED',
            message: `${label}: the venue asks to wait ${r.retryAfterMs} ms${r.banned ? ' (IP banned)' : ''}, more than this run may still wait (${maxPauseMs - paused} ms); the next run continues.`,
          });
        }
        logger.warn({ call: label, retryAfterMs: r.retryAfterMs }, 'rate limited: run paused');
        paused += r.retryAfterMs;
        await sleep(r.retryAfterMs);
      }
    },
  };
}
