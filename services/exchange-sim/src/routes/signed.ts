import type { Context, Handler } from 'hono';
import { authenticate, type Authenticated } from '../auth.js';
import { checkAllRead, SIGNED_PARAMS } from '../param-names.js';
import { parseParams, rawQueryOf, type Params } from '../params.js';
import { replyError } from '../reply.js';
import type { SimState } from '../state.js';
import type { Outcome } from '../errors.js';

/**
 * Wraps a TRADE / USER_DATA handler with Binance's key, timestamp and signature checks, then
 * refuses (-1104) any parameter besides `reads` and recvWindow / timestamp / signature.
 */
export function signed(
  state: SimState,
  reads: readonly string[],
  handler: (c: Context, auth: Authenticated) => Response,
): Handler {
  const allReads = [...reads, ...SIGNED_PARAMS];
  return async function signedRoute(c) {
    const rawBody = await c.req.text();
    const request = {
      apiKeyHeader: c.req.header('x-mbx-apikey'),
      rawQuery: rawQueryOf(c.req.url),
      rawBody,
    };
    const auth = authenticate(request, (key) => state.accounts.get(key), state.clock());
    if (!auth.ok) return replyError(c, auth.error);
    const read = checkAllRead(auth.value.params, allReads);
    if (!read.ok) return replyError(c, read.error);
    return handler(c, auth.value);
  };
}

/** A public (security NONE) endpoint's parameters: query string only, -1101 / -1104 checked. */
export function publicParams(c: Context, reads: readonly string[]): Outcome<Params> {
  const parsed = parseParams(rawQueryOf(c.req.url), '');
  if (!parsed.ok) return parsed;
  const read = checkAllRead(parsed.value, reads);
  return read.ok ? parsed : read;
}
