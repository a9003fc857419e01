import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  externalOrderListSchema,
  intentModeSchema,
  lastReconcileSchema,
  reconcileAskedSchema,
  reconcileAskSchema,
  reconcileRequestSchema,
} from '@livegate/contracts';
import { sessionOf } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { errorResponse, jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import { lastReports, listExternalOrders } from '../reconcile/reconcile.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const externalQuery = z.strictObject({
  venue: intentModeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const DASHBOARD = ['operator', 'viewer'] as const;

export function registerReconcileRoutes(app: GatewayApp, deps: RouteDeps): void {
  const { bus, clock, audit } = deps;
  app.openapi(
    withAccess(
      ['operator'],
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/reconcile',
        summary: 'Ask for a reconcile run now (reconcile.request, trigger "operator")',
        tags: ['reconcile'],
        request: { body: jsonBody(reconcileAskSchema, { required: false }) },
        responses: {
          202: jsonResponse(reconcileAskedSchema, 'Requested; watch reconcile.completed'),
          503: errorResponse('UNAVAILABLE: the bus did not take the request'),
        },
      }),
    ),
    async (c) => {
      const { venue } = c.req.valid('json');
      const operator = sessionOf(c).name;
      const requestId = randomUUID();
      const request = {
        requestId,
        trigger: 'operator' as const,
        requestedBy: operator,
        at: clock().toISOString(),
        ...(venue === undefined ? {} : { venue }),
      };
      try {
        await bus.publish(bus.subjects.reconcileRequest, reconcileRequestSchema, request, {
          msgId: requestId,
        });
      } catch (err) {
        deps.logger.error({ err, requestId }, 'reconcile request not published');
        throw new ApiError(
          503,
          'UNAVAILABLE',
          'the bus did not take the reconcile request; try again',
        );
      }
      await audit.write({
        kind: 'reconcile.requested',
        actor: operator,
        subject: requestId,
        details: venue === undefined ? {} : { venue },
      });
      return c.json({ requestId }, 202);
    },
  );

  app.openapi(
    withAccess(
      DASHBOARD,
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/reconcile/external',
        summary:
          'Open orders on the venues that livegate did not place, as the reconciler recorded them (most recently seen first)',
        tags: ['reconcile'],
        request: { query: externalQuery },
        responses: { 200: jsonResponse(externalOrderListSchema, 'The external orders') },
      }),
    ),
    async (c) => c.json({ items: await listExternalOrders(deps.db, c.req.valid('query')) }, 200),
  );

  app.openapi(
    withAccess(
      DASHBOARD,
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/reconcile/last',
        summary: 'The report of the newest finished reconcile run of each venue',
        tags: ['reconcile'],
        responses: { 200: jsonResponse(lastReconcileSchema, 'One report per venue') },
      }),
    ),
    async (c) => c.json({ items: await lastReports(deps.db) }, 200),
  );
}
