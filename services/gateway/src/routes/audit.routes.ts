import { createRoute, z } from '@hono/zod-openapi';
import { auditPageSchema } from '@livegate/contracts';
import { toAuditEvent } from '@livegate/db';
import { jsonResponse, withAccess } from '../http/route-access.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const KIND_FILTER = /^[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?$/;

const auditQuery = z.strictObject({
  kind: z
    .string()
    .max(64)
    .regex(
      KIND_FILTER,
      'must be an audit kind ("auth.login") or a prefix ending in ".*" ("auth.*")',
    )
    .optional(),
  before: z
    .string()
    .regex(/^[0-9]{1,19}$/, 'must be an audit id (digits)')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function registerAuditRoutes(app: GatewayApp, deps: RouteDeps): void {
  app.openapi(
    withAccess(
      ['operator', 'viewer'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/audit',
        summary: 'Audit rows, newest first; filter by kind (exact, or a prefix with ".*")',
        tags: ['audit'],
        request: { query: auditQuery },
        responses: { 200: jsonResponse(auditPageSchema, 'One page of audit rows') },
      }),
    ),
    async (c) => {
      const { kind, before, limit } = c.req.valid('query');
      let query = deps.db
        .selectFrom('audit.log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (kind?.endsWith('.*'))
        query = query.where('kind', 'like', `${kind.slice(0, -1).replaceAll('_', '\\_')}%`);
      else if (kind !== undefined) query = query.where('kind', '=', kind);
      if (before !== undefined) query = query.where('id', '<', before);
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextBefore = rows.length > limit && last ? last.id : null;
      return c.json({ items: page.map(toAuditEvent), nextBefore }, 200);
    },
  );
}
