import { randomUUID } from 'node:crypto';
import type { Logger } from '@livegate/runtime';
import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv } from '../auth/principal.js';
import type { GatewayMetrics } from './metrics.js';

const INBOUND_ID = /^[\w\-=]{1,255}$/;

/**
 * Gives every request an id (a well-formed inbound `x-request-id`, else a UUID), then logs one line with
 * method, path, status, duration and caller, and counts it. Never bodies, cookies or tokens.
 */
export function requestLog({
  logger,
  metrics,
}: {
  logger: Logger;
  metrics: GatewayMetrics;
}): MiddlewareHandler<GatewayEnv> {
  return async function requestLog(c, next) {
    const inbound = c.req.header('x-request-id');
    const requestId = inbound !== undefined && INBOUND_ID.test(inbound) ? inbound : randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    if (c.req.path !== '/ws') c.header('x-request-id', requestId);
    const route = c.req.matchedRoutes.some((r) => r.method !== 'ALL')
      ? c.req.routePath
      : 'unmatched';
    metrics.observeRequest({ method: c.req.method, route, status }, seconds);
    const line = {
      reqId: requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round(seconds * 1e4) / 10,
      actor: c.get('principal')?.name,
    };
    if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  };
}
