import type { SimAccount } from './accounts.js';
import { errors, fail, ok, type Outcome } from './errors.js';
import { parseParams, type Params } from './params.js';
import { signatureMatches, signedPayload } from './signing.js';

export const DEFAULT_RECV_WINDOW = 5000;
export const MAX_RECV_WINDOW = 60_000;
const FUTURE_TOLERANCE_MS = 1000;
const API_KEY_FORMAT = /^[A-Za-z0-9]{1,128}$/;
const INTEGER = /^\d{1,20}$/;
const RECV_WINDOW = /^\d{1,20}(\.\d{1,3})?$/;
const RECV_WINDOW_RANGE = '^[0-9]{1,20}(\\.[0-9]{1,3})?$';

export interface SignedRequest {
  readonly apiKeyHeader: string | undefined;
  readonly rawQuery: string;
  readonly rawBody: string;
}

export interface Authenticated {
  readonly account: SimAccount;
  readonly params: Params;
}

/** `timestamp` (mandatory, -1102) inside `recvWindow` (-1100 / -1102 / -1021). */
export function checkTimestamp(params: Params, now: number): Outcome<true> {
  const rawTimestamp = params.get('timestamp');
  if (rawTimestamp === undefined || !INTEGER.test(rawTimestamp))
    return fail(errors.mandatory('timestamp'));
  const rawWindow = params.get('recvWindow');
  if (rawWindow !== undefined && !RECV_WINDOW.test(rawWindow))
    return fail(errors.illegalChars('recvWindow', RECV_WINDOW_RANGE));
  const recvWindow = rawWindow === undefined ? DEFAULT_RECV_WINDOW : Number(rawWindow);
  if (recvWindow > MAX_RECV_WINDOW)
    return fail(errors.greaterThan('recvWindow', String(MAX_RECV_WINDOW)));
  const sent = Number(rawTimestamp);
  // Binance accepts microseconds too; anything past year 5138 in ms is read as µs.
  const timestamp = sent >= 1e14 ? sent / 1000 : sent;
  if (timestamp >= now + FUTURE_TOLERANCE_MS) return fail(errors.timestampAhead());
  if (now - timestamp > recvWindow) return fail(errors.timestampOutsideWindow());
  return ok(true);
}

/**
 * Binance's checks for a signed (TRADE / USER_DATA) request, in order: API key format (-2014)
 * and existence (-2015), duplicate parameters (-1101), mandatory signature and timestamp
 * (-1102), recvWindow well-formed (-1100) and at most 60000 (-1102), timestamp inside the window (-1021), and the
 * HMAC-SHA256 signature over raw query + raw body (-1022).
 */
export function authenticate(
  request: SignedRequest,
  findAccount: (apiKey: string) => SimAccount | undefined,
  now: number,
): Outcome<Authenticated> {
  const { apiKeyHeader, rawQuery, rawBody } = request;
  if (apiKeyHeader === undefined || !API_KEY_FORMAT.test(apiKeyHeader))
    return fail(errors.badApiKeyFormat());
  const account = findAccount(apiKeyHeader);
  if (account === undefined) return fail(errors.rejectedApiKey());
  const parsed = parseParams(rawQuery, rawBody);
  if (!parsed.ok) return parsed;
  const params = parsed.value;
  const signature = params.get('signature');
  if (signature === undefined || signature === '') return fail(errors.mandatory('signature'));
  const timing = checkTimestamp(params, now);
  if (!timing.ok) return timing;
  if (!signatureMatches(account.apiSecret, signedPayload(rawQuery, rawBody), signature)) {
    return fail(errors.badSignature());
  }
  return ok({ account, params });
}
