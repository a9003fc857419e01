import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler, Next } from 'hono';
import type { PendingFault } from './admin/schemas.js';
import { errors } from './errors.js';
import type { Holds } from './holds.js';
import { rawQueryOf } from './params.js';
import { replyError } from './reply.js';
import type { SimState } from './state.js';
import { weightOf } from './weights.js';
import { isWebSocketPath } from './ws/routes.js';

type GatewayContext = Context<{ Bindings: HttpBindings }>;

const GATEWAY_503_HTML =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n';

export const ADMIN_PREFIX = '/__sim';

const socketOf = (c: GatewayContext) => c.env.incoming.socket;

function retryAfterSeconds(fault: PendingFault, now: number): number {
  if (fault.delayMs !== undefined) return Math.max(1, Math.ceil(fault.delayMs / 1000));
  return Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000));
}

/** The API's answer (or an injected fault's); `undefined` when it is the proxy's HTML page. */
async function answer(
  c: GatewayContext,
  state: SimState,
  holds: Holds,
  fault: PendingFault | undefined,
  next: Next,
): Promise<'proxy' | undefined> {
  if (fault?.kind === 'connection-reset') {
    socketOf(c).destroy();
    c.res = c.body(null, 500);
    return 'proxy';
  }
  if (fault?.kind === '5xx-before-accept') {
    if (fault.body !== 'json') {
      c.res = c.html(GATEWAY_503_HTML, 503);
      return 'proxy';
    }
    c.res = replyError(c, errors.serverBusy());
    return undefined;
  }
  if (fault?.kind === 'rate-limit') {
    const limit = state.rateLimiter.limits.requestWeightPerMinute;
    c.res = replyError(c, errors.tooMuchWeight(limit, retryAfterSeconds(fault, state.clock())));
    return undefined;
  }
  if (fault?.kind === 'latency') await holds.wait(fault.delayMs ?? 0, socketOf(c));
  const ban = state.rateLimiter.checkBan();
  const admitted =
    ban === undefined
      ? state.rateLimiter.admitRequest(
          weightOf(c.req.method, c.req.path, new URLSearchParams(rawQueryOf(c.req.url))),
        )
      : undefined;
  if (ban !== undefined) c.res = replyError(c, ban);
  else if (admitted?.ok === false) c.res = replyError(c, admitted.error);
  else await next();
  if (fault?.kind === 'unknown-1007-after-accept') c.res = replyError(c, errors.backendTimeout());
  return undefined;
}

/** x-mbx-used-weight(-1m) on every API answer, plus the account's order counts on placements. */
function stampHeaders(c: GatewayContext, state: SimState, apiKey: string | undefined): void {
  const used = String(state.rateLimiter.usedWeight());
  c.res.headers.set('x-mbx-used-weight', used);
  c.res.headers.set('x-mbx-used-weight-1m', used);
  const placing = c.req.method === 'POST' && c.req.path === '/api/v3/order';
  if (!placing || apiKey === undefined || state.accounts.get(apiKey) === undefined) return;
  const counts = state.rateLimiter.orderCounts(apiKey);
  c.res.headers.set('x-mbx-order-count-10s', String(counts.tenSeconds));
  c.res.headers.set('x-mbx-order-count-1d', String(counts.day));
}

/**
 * Runs in front of every Binance REST path (everything but the admin API and the websockets,
 * unknown paths included):
 * records the request, applies an injected fault, enforces the IP ban and request weight, and
 * stamps the weight headers (and on `POST /api/v3/order` the order counts) on every answer that
 * comes from the API — errors and injected 429s included, only the proxy's HTML page and a reset
 * connection go without.
 */
export function binanceGateway(
  state: SimState,
  holds: Holds,
): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async function gateway(c, next) {
    if (c.req.path.startsWith(`${ADMIN_PREFIX}/`) || isWebSocketPath(c.req.path)) return next();
    const apiKey = c.req.header('x-mbx-apikey');
    state.requests.record({
      method: c.req.method,
      path: c.req.path,
      query: rawQueryOf(c.req.url),
      ...(apiKey === undefined ? {} : { apiKey }),
      at: state.clock(),
      weight: weightOf(c.req.method, c.req.path, new URLSearchParams(rawQueryOf(c.req.url))),
    });
    const fault = state.faults.take(c.req.method, c.req.path);
    const from = await answer(c, state, holds, fault, next);
    if (from !== 'proxy') stampHeaders(c, state, apiKey);
    if (fault?.kind === 'accept-then-timeout') await holds.wait(fault.delayMs, socketOf(c));
  };
}
