/** A loaded value with the time it was loaded. */
export interface Cached<T> {
  readonly value: T;
  readonly loadedAt: number;
}

type Loaded<T, F> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: F };

export interface TtlCache<T, F> {
  /** The cached value while younger than the TTL (or `maxAgeMs`), else a fresh load. Concurrent loads share one request. */
  get(options?: { maxAgeMs?: number }): Promise<Loaded<Cached<T>, F>>;
  /** The cached value, however old. */
  peek(): Cached<T> | undefined;
  invalidate(): void;
}

/** A single-value cache over a load that returns success or failure as a value; failures are not cached. */
export function createTtlCache<T, F>({
  ttlMs,
  now,
  load,
}: {
  ttlMs: number;
  now: () => number;
  load: () => Promise<Loaded<T, F>>;
}): TtlCache<T, F> {
  let cached: Cached<T> | undefined;
  let inFlight: Promise<Loaded<Cached<T>, F>> | undefined;
  let generation = 0;

  const refresh = () => {
    const started = generation;
    inFlight ??= load().then((result) => {
      inFlight = undefined;
      if (!result.ok) return result;
      const entry = { value: result.value, loadedAt: now() };
      if (started === generation) cached = entry;
      return { ok: true as const, value: entry };
    });
    return inFlight;
  };

  return {
    async get({ maxAgeMs = ttlMs } = {}) {
      if (cached !== undefined && now() - cached.loadedAt < maxAgeMs)
        return { ok: true, value: cached };
      return refresh();
    },
    peek: () => cached,
    invalidate() {
      cached = undefined;
      generation += 1;
    },
  };
}
