import diagnostics from 'node:diagnostics_channel';
import { parseRetryAfter } from './http-status-probe.js';

/** What one venue answer says about the budget: its counts, and a stop for a 429 / 418. */
export interface VenueAnswerFacts {
  readonly status: number;
  /** The `X-MBX-APIKEY` the request carried (signed and keyed calls), else undefined. */
  readonly apiKey: string | undefined;
  readonly usedWeight: number | undefined;
  readonly orderCount10s: number | undefined;
  readonly retryAfterMs: number | undefined;
}

export type AnswerListener = (facts: VenueAnswerFacts) => void;

const CHANNEL = 'http.client.response.finish';

interface ResponseFinish {
  readonly request: { getHeader(name: string): unknown };
  readonly response: {
    readonly statusCode?: number;
    readonly headers: Record<string, string | string[] | undefined>;
  };
}

const listeners = new Map<string, Set<AnswerListener>>();

function count(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^[0-9]+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function record(message: unknown): void {
  const { request, response } = message as ResponseFinish;
  const host = text(request.getHeader('host'));
  const wanted = host === undefined ? undefined : listeners.get(host);
  if (wanted === undefined) return;
  const facts: VenueAnswerFacts = {
    status: response.statusCode ?? 0,
    apiKey: text(request.getHeader('x-mbx-apikey')),
    usedWeight: count(response.headers['x-mbx-used-weight-1m']),
    orderCount10s: count(response.headers['x-mbx-order-count-10s']),
    retryAfterMs: parseRetryAfter(response.headers['retry-after']),
  };
  for (const listener of wanted) listener(facts);
}

/**
 * Listens to every HTTP answer from `host` (the venue's `host[:port]`) on Node's
 * `http.client.response.finish` diagnostics channel, as the status probe does for errors: the
 * library gives the headers of neither successes nor failures, and the weight headers are on both.
 * Returns the function that stops listening.
 */
export function tapVenueAnswers(host: string, listener: AnswerListener): () => void {
  if (listeners.size === 0) diagnostics.subscribe(CHANNEL, record);
  let set = listeners.get(host);
  if (set === undefined) {
    set = new Set();
    listeners.set(host, set);
  }
  set.add(listener);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    set.delete(listener);
    if (set.size === 0) listeners.delete(host);
    if (listeners.size === 0) diagnostics.unsubscribe(CHANNEL, record);
  };
}
