import { createRoute, z } from '@hono/zod-openapi';
import {
  intentAcceptedSchema,
  intentIdSchema,
  intentModeSchema,
  orderEventListSchema,
  orderIntentSchema,
  orderPageSchema,
  orderRowSchema,
  orderStateSchema,
  type OrderRow,
} from '@livegate/contracts';
import { principalOf, type Principal } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { errorResponse, jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import { findOrder, listOrderEvents, listOrders } from '../orders/orders.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const ordersQuery = z.strictObject({
  state: orderStateSchema.optional(),
  mode: intentModeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const READERS = ['operator', 'viewer', 'strategy'] as const;

/** The source an API key is limited to; `undefined` for operators and viewers (they read every order). */
const sourceOf = (p: Principal): string | undefined => (p.kind === 'apiKey' ? p.source : undefined);

const notFound = (intentId: string) =>
  new ApiError(404, 'NOT_FOUND', `no order with intentId ${intentId}`);

export function registerOrderRoutes(app: GatewayApp, deps: RouteDeps): void {
  const { bus, db } = deps;

  app.openapi(
    withAccess(
      ['strategy'],
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/orders',
        summary:
          "Submit an order intent (API key) under the key's own source; Idempotency-Key is its intentId",
        tags: ['orders'],
        request: {
          headers: z.object({
            'idempotency-key': intentIdSchema.meta({ description: 'The intentId of the body' }),
          }),
          body: jsonBody(orderIntentSchema),
        },
        responses: {
          202: jsonResponse(intentAcceptedSchema, 'Published on orders.intent.<source>'),
          403: errorResponse(
            "SOURCE_FORBIDDEN: the intent's source is not the key's (audited); FORBIDDEN: not an API key",
          ),
          503: errorResponse('UNAVAILABLE: the bus did not take the intent'),
        },
      }),
    ),
    async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const intent = c.req.valid('json');
      if (intent.intentId !== key) {
        throw new ApiError(
          400,
          'BAD_REQUEST',
          'intentId in the body differs from the Idempotency-Key header',
          {
            issues: ['intentId: must equal the Idempotency-Key header'],
          },
        );
      }
      const source = sourceOf(principalOf(c)) as string;
      if (intent.source !== source) {
        throw new ApiError(
          403,
          'SOURCE_FORBIDDEN',
          `this API key sends intents for source ${JSON.stringify(source)} only, not ${JSON.stringify(intent.source)}`,
        );
      }
      let ack;
      try {
        ack = await bus.publish(bus.subjects.orderIntent(source), orderIntentSchema, intent, {
          msgId: key,
        });
      } catch (err) {
        deps.logger.error({ err, intentId: key }, 'intent not published');
        throw new ApiError(
          503,
          'UNAVAILABLE',
          'the bus did not take the intent; retry with the same Idempotency-Key',
        );
      }
      return c.json({ intentId: key, duplicate: ack.duplicate }, 202);
    },
  );

  app.openapi(
    withAccess(
      READERS,
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/orders',
        summary:
          "Orders, newest first (an API key: its source's only; empty until the execution service has created its table)",
        tags: ['orders'],
        request: { query: ordersQuery },
        responses: {
          200: jsonResponse(orderPageSchema, 'One page'),
        },
      }),
    ),
    async (c) => {
      const source = sourceOf(principalOf(c));
      const filter = { ...c.req.valid('query'), ...(source === undefined ? {} : { source }) };
      return c.json({ items: (await listOrders(db, filter)) as OrderRow[] }, 200);
    },
  );

  app.openapi(
    withAccess(
      READERS,
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/orders/{intentId}',
        summary: 'One order by its intentId',
        tags: ['orders'],
        request: { params: z.object({ intentId: intentIdSchema }) },
        responses: {
          200: jsonResponse(orderRowSchema, 'The order'),
          404: errorResponse('No such order'),
        },
      }),
    ),
    async (c) => {
      const { intentId } = c.req.valid('param');
      const row = await findOrder(db, intentId, sourceOf(principalOf(c)));
      if (row === undefined) throw notFound(intentId);
      return c.json(row as OrderRow, 200);
    },
  );

  app.openapi(
    withAccess(
      READERS,
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/orders/{intentId}/events',
        summary:
          'The order events of one intent, oldest first (empty when there are none; an API key: 404 unless the order is its own)',
        tags: ['orders'],
        request: { params: z.object({ intentId: intentIdSchema }) },
        responses: {
          200: jsonResponse(orderEventListSchema, 'The events'),
          404: errorResponse('An API key asked for an order that is not its own'),
        },
      }),
    ),
    async (c) => {
      const { intentId } = c.req.valid('param');
      const source = sourceOf(principalOf(c));
      if (source !== undefined && (await findOrder(db, intentId, source)) === undefined) {
        throw notFound(intentId);
      }
      return c.json({ items: await listOrderEvents(db, intentId) }, 200);
    },
  );
}
