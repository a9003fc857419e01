import type { RejectCode } from '@livegate/contracts';
import type { VenueOrder } from './venue-order.js';

/** Why the venue's answer is unknown: the request may or may not have taken effect. */
export type UnknownCause =
  | 'timeout' // our own timer fired first (the library has none)
  | 'network' // ECONNRESET, ECONNREFUSED, DNS, socket hang-up …
  | 'server-error' // HTTP 5xx, or a non-JSON error body
  | 'venue-unknown' // -1006 / -1007 / -1000 / -1001 / -1008: "execution status unknown"
  | 'unrecognised' // an error code this adapter does not classify (treated as unknown, never rejected)
  | 'invalid-response'; // a success body that does not parse

/**
 * The codes of a local pre-trade refusal (a subset of the contracts' RejectCode): the filter that
 * refused, named as Binance names it, or INVALID_INTENT for an order the symbol cannot take at all
 * (malformed, unknown symbol, order type or quoteOrderQty not allowed).
 */
export type PreTradeRejectCode = Extract<
  RejectCode,
  | 'INVALID_INTENT'
  | 'PRECISION'
  | 'PRICE_FILTER'
  | 'LOT_SIZE'
  | 'MARKET_LOT_SIZE'
  | 'MIN_NOTIONAL'
  | 'NOTIONAL'
  | 'MAX_NUM_ORDERS'
  | 'INSUFFICIENT_BALANCE'
>;

/** Refused by the venue with a definitive error: the request did not take effect. */
export interface VenueRejected {
  readonly kind: 'rejected';
  readonly source: 'venue';
  readonly code: number;
  readonly message: string;
}

/** Refused locally before anything was sent. */
export interface LocalRejected {
  readonly kind: 'rejected';
  readonly source: 'local';
  readonly code: PreTradeRejectCode;
  readonly message: string;
}

/** The request may have taken effect. For a placement: look the order up, never resend blindly. */
export interface Unknown {
  readonly kind: 'unknown';
  readonly cause: UnknownCause;
  readonly code?: number | undefined;
  readonly message: string;
}

/** Not processed (HTTP 429 / 418, -1003, -1015): retry after `retryAfterMs`. `banned` (418) stops the venue. */
export interface RateLimited {
  readonly kind: 'rate-limited';
  readonly retryAfterMs: number;
  readonly banned: boolean;
  readonly code?: number | undefined;
  readonly message: string;
}

/** Not processed because our set-up is wrong (-1021 clock, -1022 signature, -2014/-2015 key, -1002): the venue is marked unhealthy. */
export interface ConfigFault {
  readonly kind: 'config-fault';
  readonly code: number;
  readonly message: string;
}

/** What every call can end in, besides its own success. */
export type VenueFailure = VenueRejected | Unknown | RateLimited | ConfigFault;

/**
 * placeOrder only: nothing was sent because the data the pre-trade check needs (exchangeInfo,
 * account, reference price) could not be fetched for a reason other than rate limit or config
 * fault. Retry later; unlike {@link Unknown}, no order can exist.
 */
export interface Unavailable {
  readonly kind: 'unavailable';
  readonly cause: UnknownCause;
  readonly message: string;
}

export interface Placed {
  readonly kind: 'placed';
  readonly order: VenueOrder;
}

/** -2010 "Duplicate order sent.": an OPEN order with this client order id exists; look it up and attach. */
export interface Duplicate {
  readonly kind: 'duplicate';
  readonly message: string;
}

export interface NotFound {
  readonly kind: 'not-found';
  /** -2013 (query), -2011 (cancel), -2026 (archived: terminal with zero fill, over 90 days old). */
  readonly code: number;
  readonly message: string;
}

export interface Ok<T> {
  readonly kind: 'ok';
  readonly value: T;
}

/**
 * sendOrder only: the caller's `mayStillSign` said no at the moment the request would have been
 * signed, so nothing was sent (the fenced step is too old: a stalled process must not send late).
 */
export interface NotSigned {
  readonly kind: 'not-signed';
  readonly message: string;
}

export type PlaceOutcome = Placed | Duplicate | LocalRejected | Unavailable | VenueFailure;
/** What one request for an already checked order ends in (no other venue call is made). */
export type SendOutcome = Placed | Duplicate | VenueFailure | NotSigned | BudgetExhausted;

/**
 * sendOrder only: the shared request-weight / order budget stayed used up (or the venue's
 * Retry-After lasted) for the whole send budget of the fence; nothing was signed or sent.
 */
export interface BudgetExhausted {
  readonly kind: 'budget-exhausted';
  readonly message: string;
}
export type QueryOutcome<T> = Ok<T> | VenueFailure;
export type LookupOutcome<T> = Ok<T> | NotFound | VenueFailure;
