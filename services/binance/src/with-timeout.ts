/** Our own timer fired before the venue answered (binance-api-node has no timeout of its own). */
export class VenueTimeoutError extends Error {
  override readonly name = 'VenueTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * Runs `call` and rejects with {@link VenueTimeoutError} if it has not settled within `timeoutMs`.
 * The request itself is not aborted (the library cannot), so a late answer is simply ignored; for
 * a placement that is why a timeout means "unknown". A synchronous throw becomes a rejection.
 * `call` runs synchronously, in the caller's tick: a check made just before `withTimeout` and the
 * request's `timestamp` (taken by binance-api-node when the call starts) see the same moment.
 */
export function withTimeout<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new VenueTimeoutError(timeoutMs)), timeoutMs);
    let started: Promise<T>;
    try {
      started = call();
    } catch (err) {
      started = Promise.reject(err as Error);
    }
    Promise.resolve(started).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
