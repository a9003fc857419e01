import type { Logger } from '@livegate/runtime';
import type { QueryOutcome } from './outcome.js';

export interface ServerClock {
  /** Our time plus the measured offset: what goes into `timestamp`. */
  now(): number;
  offsetMs(): number;
  /** Measures the offset: serverTime − midpoint of the round trip. */
  sync(): Promise<QueryOutcome<{ offsetMs: number }>>;
  /** Measures again if never measured, marked stale, or older than the TTL; a failure keeps the old offset. */
  ensureFresh(): Promise<void>;
  markStale(): void;
}

/**
 * Keeps binance-api-node's `timestamp` close to the venue's clock (the venue refuses timestamps
 * 1000 ms ahead or older than recvWindow with -1021), without the library's `useServerTime`,
 * which would cost one extra request per signed call.
 */
export function createServerClock({
  now,
  ttlMs,
  fetchServerTime,
  logger,
}: {
  now: () => number;
  ttlMs: number;
  fetchServerTime: () => Promise<QueryOutcome<number>>;
  logger: Logger;
}): ServerClock {
  let offset = 0;
  let measuredAt: number | undefined;
  let inFlight: Promise<QueryOutcome<{ offsetMs: number }>> | undefined;

  async function measure(): Promise<QueryOutcome<{ offsetMs: number }>> {
    const sent = now();
    const answer = await fetchServerTime();
    if (answer.kind !== 'ok') return answer;
    const received = now();
    offset = Math.round(answer.value - (sent + received) / 2);
    measuredAt = received;
    logger.debug({ offsetMs: offset, roundTripMs: received - sent }, 'venue clock offset measured');
    return { kind: 'ok', value: { offsetMs: offset } };
  }

  const sync = () => {
    inFlight ??= measure().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    now: () => now() + offset,
    offsetMs: () => offset,
    sync,
    async ensureFresh() {
      if (measuredAt !== undefined && now() - measuredAt < ttlMs) return;
      const result = await sync();
      if (result.kind !== 'ok')
        logger.warn({ outcome: result.kind }, 'venue clock not measured; keeping the last offset');
    },
    markStale() {
      measuredAt = undefined;
    },
  };
}
