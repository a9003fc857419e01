import { createHmac, randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  intentAcceptedSchema,
  intentIdSchema,
  intentKeyString,
  intentModeSchema,
  intentMsgId,
  intentSourceSchema,
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
import { findOrders, listOrderEvents, listOrders } from '../orders/orders.repository.js';
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

const ambiguous = (intentId: string, rows: ReadonlyArray<Record<string, unknown>>) =>
  new ApiError(
    409,
    'CONFLICT',
    `intentId ${intentId} is used by ${rows.length} sources (${rows.map((r) => String(r['source'])).join(', ')}); ask again with ?source=<source>`,
  );

const orderParams = z.object({ intentId: intentIdSchema });
const orderQuery = z.strictObject({
  source: intentSourceSchema
    .optional()
    .meta({ description: 'The strategy whose order it is (an intentId is unique per source)' }),
});

/**
 * The message-id tag of an intent the gateway publishes: a keyed hash of (source, intentId) under a
 * secret of this process. Retries through one gateway are one message id (JetStream dedups them); a
 * strategy on the bus cannot compute it, so it cannot pre-empt the id (Postgres absorbs what differs).
 */
function msgIdTagger(): (key: { source: string; intentId: string }) => string {
  const secret = randomBytes(32);
  return (key) =>
    createHmac('sha256', secret).update(intentKeyString(key)).digest('base64url').slice(0, 22);
}

export function registerOrderRoutes(app: GatewayApp, deps: RouteDeps): void {
  const { bus, db } = deps;
  const tagOf = msgIdTagger();

  /**
   * The one order of `intentId` the caller may read: an API key only its own source's (`?source=` of
   * another is 404), others the `?source=` one or the only one (409 when strategies share the id).
   */
  async function orderFor(c: Context, intentId: string, asked: string | undefined) {
    const own = sourceOf(principalOf(c));
    if (own !== undefined && asked !== undefined && asked !== own) throw notFound(intentId);
    const rows = await findOrders(db, intentId, own ?? asked);
    if (rows.length > 1) throw ambiguous(intentId, rows);
    return rows[0];
  }

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
          msgId: intentMsgId(intent, tagOf(intent)),
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
        summary:
          "One order by its intentId (an API key: its own source's; others: ?source= when strategies share the id)",
        tags: ['orders'],
        request: { params: orderParams, query: orderQuery },
        responses: {
          200: jsonResponse(orderRowSchema, 'The order'),
          404: errorResponse('No such order'),
          409: errorResponse('CONFLICT: several strategies used this intentId; add ?source='),
        },
      }),
    ),
    async (c) => {
      const { intentId } = c.req.valid('param');
      const row = await orderFor(c, intentId, c.req.valid('query').source);
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
          'The order events of one intent, oldest first (empty when there are none; an API key: 404 unless the order is its own; others: ?source= when strategies share the id)',
        tags: ['orders'],
        request: { params: orderParams, query: orderQuery },
        responses: {
          200: jsonResponse(orderEventListSchema, 'The events'),
          404: errorResponse('An API key asked for an order that is not its own'),
          409: errorResponse('CONFLICT: several strategies used this intentId; add ?source='),
        },
      }),
    ),
    async (c) => {
      const { intentId } = c.req.valid('param');
      const asked = c.req.valid('query').source;
      const row = await orderFor(c, intentId, asked);
      if (row === undefined && sourceOf(principalOf(c)) !== undefined) throw notFound(intentId);
      const source = asked ?? row?.['source'];
      if (typeof source !== 'string') return c.json({ items: [] }, 200);
      return c.json({ items: await listOrderEvents(db, { source, intentId }) }, 200);
    },
  );
}
