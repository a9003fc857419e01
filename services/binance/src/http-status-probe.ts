import diagnostics from 'node:diagnostics_channel';

/** What binance-api-node drops from an error answer: the HTTP status and `Retry-After`. */
export interface HttpFacts {
  readonly status: number;
  readonly retryAfterMs: number | undefined;
}

const CHANNEL = 'http.client.response.finish';
const MAX_ENTRIES = 512;

interface ResponseFinish {
  readonly request: { readonly path: string };
  readonly response: {
    readonly statusCode?: number;
    readonly headers: Record<string, string | string[] | undefined>;
  };
}

const recent = new Map<string, HttpFacts>();
let holders = 0;

/** `Retry-After` in seconds → ms; the HTTP-date form and junk give undefined. */
export function parseRetryAfter(value: string | string[] | undefined | null): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && text !== null && /^[0-9]+$/.test(text.trim())
    ? Number(text.trim()) * 1000
    : undefined;
}

function record(message: unknown): void {
  const { request, response } = message as ResponseFinish;
  const status = response.statusCode ?? 0;
  if (status < 400) return;
  if (recent.size >= MAX_ENTRIES) recent.delete(recent.keys().next().value as string);
  recent.set(request.path, {
    status,
    retryAfterMs: parseRetryAfter(response.headers['retry-after']),
  });
}

function pathOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return undefined;
  }
}

export interface HttpStatusProbe {
  /** The facts of the error answer to `url` (the library error's `url`), once; undefined if unseen. */
  take(url: unknown): HttpFacts | undefined;
  /** Stop listening when no other adapter needs it. */
  release(): void;
}

/**
 * Listens on Node's `http.client.response.finish` diagnostics channel and keeps the status and
 * `Retry-After` of recent error answers, keyed by request path + query. A signed request's query
 * ends in its unique signature, and the library error's `url` is that same URL, so the adapter can
 * recover what the library threw away without changing or wrapping the library. Bounded: the
 * oldest of {@link MAX_ENTRIES} entries is dropped (answers that arrive after our timeout are
 * never taken).
 */
export function acquireHttpStatusProbe(): HttpStatusProbe {
  if (holders === 0) diagnostics.subscribe(CHANNEL, record);
  holders += 1;
  let released = false;
  return {
    take(url) {
      const path = typeof url === 'string' ? pathOf(url) : undefined;
      if (path === undefined) return undefined;
      const facts = recent.get(path);
      recent.delete(path);
      return facts;
    },
    release() {
      if (released) return;
      released = true;
      holders -= 1;
      if (holders === 0) {
        diagnostics.unsubscribe(CHANNEL, record);
        recent.clear();
      }
    },
  };
}
