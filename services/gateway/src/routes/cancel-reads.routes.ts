import { createRoute, z } from '@hono/zod-openapi';
import { cancelIdSchema, cancelRecordSchema, intentSourceSchema } from '@livegate/contracts';
import { principalOf } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { errorResponse, jsonResponse, withAccess } from '../http/route-access.js';
import { findCancels } from '../orders/cancels.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const params = z.object({ cancelId: cancelIdSchema });
const query = z.strictObject({
  source: intentSourceSchema.optional().meta({
    description:
      "The cancel's strategy (a cancelId is unique per source); an API key may name only its own",
  }),
});

/**
 * Issue 13: a cancel's stored outcome by its cancelId — what `orders.cancel-outcome.<source>.<cancelId>`
 * announced, for a caller that missed it or cancelled over HTTP. Not under `/api/orders/…`: there
 * `/api/orders/cancels/events` would also be the events of an intent named "cancels".
 */
export function registerCancelReadRoutes(app: GatewayApp, deps: RouteDeps): void {
  app.openapi(
    withAccess(
      ['operator', 'viewer', 'strategy'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/cancels/{cancelId}',
        summary:
          "One cancel and its outcome (null while in work); an API key: its own source's only; others: ?source= when strategies share the cancelId",
        tags: ['orders'],
        request: { params, query },
        responses: {
          200: jsonResponse(cancelRecordSchema, 'The cancel as stored'),
          403: errorResponse('SOURCE_FORBIDDEN: an API key named another source'),
          404: errorResponse('NOT_FOUND: no such cancel (for an API key: of its own source)'),
          409: errorResponse('CONFLICT: several strategies used this cancelId; add ?source='),
        },
      }),
    ),
    async (c) => {
      const { cancelId } = c.req.valid('param');
      const asked = c.req.valid('query').source;
      const principal = principalOf(c);
      const own = principal.kind === 'apiKey' ? principal.source : undefined;
      if (own !== undefined && asked !== undefined && asked !== own) {
        throw new ApiError(
          403,
          'SOURCE_FORBIDDEN',
          `this API key reads cancels of source ${JSON.stringify(own)} only, not ${JSON.stringify(asked)}`,
        );
      }
      const source = own ?? asked;
      const records = await findCancels(deps.db, cancelId, source);
      if (records.length > 1)
        throw new ApiError(
          409,
          'CONFLICT',
          `cancelId ${cancelId} is used by ${records.length} sources (${records.map((r) => r.source).join(', ')}); ask again with ?source=<source>`,
        );
      const [record] = records;
      if (record === undefined)
        throw new ApiError(
          404,
          'NOT_FOUND',
          source === undefined
            ? `no cancel with cancelId ${cancelId}`
            : `no cancel of source ${source} with cancelId ${cancelId}`,
        );
      return c.json(record, 200);
    },
  );
}
