import { createRoute, z } from '@hono/zod-openapi';
import { checkDb } from '@livegate/db';
import { jsonResponse, withAccess } from '../http/route-access.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const check = z.enum(['ok', 'failing']);
const readiness = z
  .object({ status: z.enum(['ready', 'not ready']), checks: z.object({ nats: check, db: check }) })
  .meta({ id: 'Readiness' });

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const outcome = (p: Promise<unknown>, ms: number) =>
  within(p, ms).then(
    () => 'ok' as const,
    () => 'failing' as const,
  );

export function registerHealthRoutes(app: GatewayApp, deps: RouteDeps): void {
  app.openapi(
    withAccess(
      'public',
      deps.guard,
      createRoute({
        method: 'get',
        path: '/healthz',
        summary: 'Liveness: the process answers',
        tags: ['health'],
        responses: { 200: jsonResponse(z.object({ status: z.literal('ok') }), 'Alive') },
      }),
    ),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    withAccess(
      'public',
      deps.guard,
      createRoute({
        method: 'get',
        path: '/readyz',
        summary: 'Readiness: NATS and the database answer',
        tags: ['health'],
        responses: {
          200: jsonResponse(readiness, 'Ready'),
          503: jsonResponse(readiness, 'Not ready'),
        },
      }),
    ),
    async (c) => {
      const ms = deps.readinessTimeoutMs;
      const [nats, db] = await Promise.all([
        outcome(deps.bus.nc.flush(), ms),
        outcome(checkDb(deps.db), ms),
      ]);
      const checks = { nats, db };
      return nats === 'ok' && db === 'ok'
        ? c.json({ status: 'ready' as const, checks }, 200)
        : c.json({ status: 'not ready' as const, checks }, 503);
    },
  );

  app.openapi(
    withAccess(
      ['operator', 'viewer', 'strategy'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/metrics',
        summary: 'Prometheus metrics (any API key or session)',
        tags: ['health'],
        responses: {
          200: {
            description: 'Prometheus text format',
            content: { 'text/plain': { schema: z.string() } },
          },
        },
      }),
    ),
    async (c) => {
      const { registry } = deps.metrics;
      return c.text(await registry.metrics(), 200, { 'content-type': registry.contentType });
    },
  );
}
