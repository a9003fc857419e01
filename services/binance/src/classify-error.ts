import type { HttpFacts } from './http-status-probe.js';
import { parseRetryAfter } from './http-status-probe.js';
import type { Duplicate, NotFound, RateLimited, VenueFailure } from './outcome.js';
import type { Redactor } from './redact.js';
import { VenueTimeoutError } from './with-timeout.js';

/** How an error is read depends on what was asked: a placement, a lookup of one order, a cancel, or a plain query. */
export type Operation = 'place' | 'lookup' | 'cancel' | 'query';

export interface ClassifyContext {
  /** Status and Retry-After for the failed request, when the probe saw them. */
  readonly facts: HttpFacts | undefined;
  readonly now: number;
  /** Wait used when a rate limit comes without a Retry-After we can read. */
  readonly defaultBackoffMs: number;
  readonly redact: Redactor;
}

const CONFIG_CODES = new Set([-1002, -1021, -1022, -2014, -2015]);
/** Binance says "execution status unknown" (or the outcome is uncertain) for these. */
const UNKNOWN_CODES = new Set([-1000, -1001, -1006, -1007, -1008, -1016]);
/** Definitive: the request was refused and took no effect. */
const DEFINITIVE_CODES = new Set([-1013, -1014, -1020, -2010, -2011, -2013, -2026, -2038, -2039]);
const NETWORK_CODE = /^E[A-Z_]+$/;
const BANNED_UNTIL = /banned until ([0-9]+)/i;

interface ErrorLike {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly url?: unknown;
  readonly type?: unknown;
  readonly response?: {
    readonly status?: unknown;
    readonly headers?: { get(name: string): string | null };
  };
}

function isDefinitive(code: number, status: number | undefined): boolean {
  if (DEFINITIVE_CODES.has(code) || (code <= -1100 && code >= -1199)) return true;
  return status !== undefined && status >= 400 && status < 500;
}

function rateLimited(
  code: number | undefined,
  message: string,
  status: number | undefined,
  ctx: ClassifyContext,
  headerMs: number | undefined,
): RateLimited {
  const until = BANNED_UNTIL.exec(message);
  const banned = status === 418 || until !== null;
  const fromMessage = until === null ? undefined : Math.max(0, Number(until[1]) - ctx.now);
  const retryAfterMs = headerMs ?? fromMessage ?? ctx.defaultBackoffMs;
  return { kind: 'rate-limited', retryAfterMs, banned, code, message };
}

function fromStatusOnly(err: ErrorLike, ctx: ClassifyContext): VenueFailure {
  const status = typeof err.response?.status === 'number' ? err.response.status : ctx.facts?.status;
  const headerMs =
    parseRetryAfter(err.response?.headers?.get('retry-after')) ?? ctx.facts?.retryAfterMs;
  if (status === 429 || status === 418)
    return rateLimited(undefined, `HTTP ${status}`, status, ctx, headerMs);
  if (status !== undefined) {
    const cause = status >= 500 ? 'server-error' : 'unrecognised';
    return {
      kind: 'unknown',
      cause,
      message: `HTTP ${status} with a body that is not a Binance error`,
    };
  }
  const text = typeof err.message === 'string' ? err.message : String(err);
  return { kind: 'unknown', cause: 'unrecognised', message: ctx.redact(text) };
}

function fromCode(
  code: number,
  message: string,
  op: Operation,
  ctx: ClassifyContext,
): VenueFailure | Duplicate | NotFound {
  const status = ctx.facts?.status;
  if (status === 429 || status === 418 || code === -1003 || code === -1015) {
    return rateLimited(code, message, status, ctx, ctx.facts?.retryAfterMs);
  }
  if (CONFIG_CODES.has(code)) return { kind: 'config-fault', code, message };
  if (op === 'place' && code === -2010 && /duplicate order/i.test(message))
    return { kind: 'duplicate', message };
  if (op === 'lookup' && (code === -2013 || code === -2026))
    return { kind: 'not-found', code, message };
  if (op === 'cancel' && (code === -2013 || (code === -2011 && /unknown order/i.test(message)))) {
    return { kind: 'not-found', code, message };
  }
  if (UNKNOWN_CODES.has(code)) return { kind: 'unknown', cause: 'venue-unknown', code, message };
  if (status !== undefined && status >= 500)
    return { kind: 'unknown', cause: 'server-error', code, message };
  if (isDefinitive(code, status)) return { kind: 'rejected', source: 'venue', code, message };
  return { kind: 'unknown', cause: 'unrecognised', code, message };
}

/**
 * Maps whatever binance-api-node (or our timer) threw to a typed outcome, per DESIGN.md §5.
 * Anything that might have taken effect is `unknown`, never `rejected`: timeouts, network errors,
 * 5xx, non-JSON bodies, -1006/-1007, and codes this table does not know. Messages are redacted;
 * the error's `url` (it holds the signature) is never copied.
 */
export function classifyError(
  err: unknown,
  op: 'place',
  ctx: ClassifyContext,
): VenueFailure | Duplicate;
export function classifyError(
  err: unknown,
  op: 'lookup' | 'cancel',
  ctx: ClassifyContext,
): VenueFailure | NotFound;
export function classifyError(err: unknown, op: 'query', ctx: ClassifyContext): VenueFailure;
export function classifyError(
  err: unknown,
  op: Operation,
  ctx: ClassifyContext,
): VenueFailure | Duplicate | NotFound {
  if (err instanceof VenueTimeoutError)
    return { kind: 'unknown', cause: 'timeout', message: err.message };
  const e: ErrorLike = typeof err === 'object' && err !== null ? err : { message: String(err) };
  if ((typeof e.code === 'string' && NETWORK_CODE.test(e.code)) || e.type === 'system') {
    const code = typeof e.code === 'string' ? e.code : 'system error';
    return { kind: 'unknown', cause: 'network', message: `network error: ${code}` };
  }
  if (typeof e.code !== 'number') return fromStatusOnly(e, ctx);
  const message = ctx.redact(typeof e.message === 'string' ? e.message : '');
  return fromCode(e.code, message, op, ctx);
}
