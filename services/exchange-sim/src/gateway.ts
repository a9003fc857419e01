import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { ParsedFaultSpec } from './admin/schemas.js';
import { errors } from './errors.js';
import type { Holds } from './holds.js';
import { rawQueryOf } from './params.js';
import { replyError } from './reply.js';
import type { SimState } from './state.js';
import { weightOf } from './weights.js';

const GATEWAY_503_HTML =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n';

const socketOf = (c: Context<{ Bindings: HttpBindings }>) => c.env.incoming.socket;

function retryAfterSeconds(fault: ParsedFaultSpec, now: number): number {
  if (fault.delayMs !== undefined) return Math.max(1, Math.ceil(fault.delayMs / 1000));
  return Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000));
}

/**
 * Runs in front of every Binance path: records the request, applies an injected fault, enforces
 * the IP ban and request weight, and stamps the x-mbx-used-weight headers on the answer.
 */
export function binanceGateway(
  state: SimState,
  holds: Holds,
): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async function gateway(c, next) {
    const method = c.req.method;
    const path = c.req.path;
    const rawQuery = rawQueryOf(c.req.url);
    const apiKey = c.req.header('x-mbx-apikey');
    state.requests.record({
      method,
      path,
      query: rawQuery,
      ...(apiKey === undefined ? {} : { apiKey }),
      at: state.clock(),
    });

    const fault = state.faults.take(method, path);
    if (fault?.kind === 'connection-reset') {
      socketOf(c).destroy();
      return c.body(null, 500);
    }
    if (fault?.kind === '5xx-before-accept') {
      if (fault.body === 'json') return replyError(c, errors.serverBusy());
      return c.html(GATEWAY_503_HTML, 503);
    }
    if (fault?.kind === 'rate-limit') {
      const limit = state.rateLimiter.limits.requestWeightPerMinute;
      return replyError(c, errors.tooMuchWeight(limit, retryAfterSeconds(fault, state.clock())));
    }
    if (fault?.kind === 'latency') await holds.wait(fault.delayMs ?? 0, socketOf(c));

    const ban = state.rateLimiter.checkBan();
    const admitted =
      ban === undefined
        ? state.rateLimiter.admitRequest(weightOf(method, path, new URLSearchParams(rawQuery)))
        : undefined;
    if (ban !== undefined) {
      c.res = replyError(c, ban);
    } else if (admitted?.ok === false) {
      c.res = replyError(c, admitted.error);
    } else {
      await next();
    }
    if (fault?.kind === 'unknown-1007-after-accept') c.res = replyError(c, errors.backendTimeout());
    const used = String(state.rateLimiter.usedWeight());
    c.res.headers.set('x-mbx-used-weight', used);
    c.res.headers.set('x-mbx-used-weight-1m', used);
    if (fault?.kind === 'accept-then-timeout') await holds.wait(fault.delayMs, socketOf(c));
  };
}
