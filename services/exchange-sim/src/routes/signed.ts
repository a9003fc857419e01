import type { Context, Handler } from 'hono';
import { authenticate, type Authenticated } from '../auth.js';
import { rawQueryOf } from '../params.js';
import { replyError } from '../reply.js';
import type { SimState } from '../state.js';

/** Wraps a TRADE / USER_DATA handler with Binance's key, timestamp and signature checks. */
export function signed(
  state: SimState,
  handler: (c: Context, auth: Authenticated) => Response,
): Handler {
  return async function signedRoute(c) {
    const rawBody = await c.req.text();
    const request = {
      apiKeyHeader: c.req.header('x-mbx-apikey'),
      rawQuery: rawQueryOf(c.req.url),
      rawBody,
    };
    const auth = authenticate(request, (key) => state.accounts.get(key), state.clock());
    if (!auth.ok) return replyError(c, auth.error);
    return handler(c, auth.value);
  };
}
