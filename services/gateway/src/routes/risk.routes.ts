import { createRoute, z } from '@hono/zod-openapi';
import { riskLimitChangeSchema, riskLimitListSchema, riskLimitSchema } from '@livegate/contracts';
import { sessionOf } from '../auth/principal.js';
import { jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import {
  applyRiskLimitChange,
  listPendingProposals,
  listRiskLimits,
} from '../risk/risk-limits.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const changedSchema = z
  .object({ limit: riskLimitSchema.nullable() })
  .meta({ id: 'RiskLimitChanged' });

/** The audit subject of a limit: `venue/source/kind[/asset]`. */
const subjectOf = (c: {
  venue: string;
  source: string;
  kind: string;
  asset?: string | undefined;
}) => [c.venue, c.source, c.kind, ...(c.asset === undefined ? [] : [c.asset])].join('/');

/** Issue 13: the pre-trade risk limits execution enforces, shown to and changed by operators only. */
export function registerRiskRoutes(app: GatewayApp, deps: RouteDeps): void {
  app.openapi(
    withAccess(
      ['operator'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/risk/limits',
        summary: 'The pre-trade risk limits in force per venue and strategy (no row: no limit)',
        tags: ['risk'],
        responses: { 200: jsonResponse(riskLimitListSchema, 'Limits and pending proposals') },
      }),
    ),
    async (c) =>
      c.json(
        {
          limits: await listRiskLimits(deps.db),
          pending: await listPendingProposals(),
          fourEyes: false,
        },
        200,
      ),
  );

  app.openapi(
    withAccess(
      ['operator'],
      deps.guard,
      createRoute({
        method: 'put',
        path: '/api/risk/limits',
        summary:
          'Set one risk limit (value) or remove it (value null); audited as risk.limit_changed with the old and new value',
        tags: ['risk'],
        request: { body: jsonBody(riskLimitChangeSchema) },
        responses: { 200: jsonResponse(changedSchema, 'The limit now in force (null: none)') },
      }),
    ),
    async (c) => {
      const { reason, ...change } = c.req.valid('json');
      const operator = sessionOf(c).name;
      const { result, audit } = await deps.db.transaction().execute(async (trx) => {
        const applied = await applyRiskLimitChange(trx, change, operator);
        const row = await deps.audit.append(trx, {
          kind: 'risk.limit_changed',
          actor: operator,
          subject: subjectOf(change),
          details: {
            venue: change.venue,
            source: change.source,
            kind: change.kind,
            asset: change.asset ?? null,
            from: applied.from,
            to: change.value,
            reason,
          },
        });
        return { result: applied, audit: row };
      });
      await deps.audit.announce(audit);
      deps.logger.info(
        { operator, limit: subjectOf(change), from: result.from, to: change.value },
        'risk limit changed',
      );
      return c.json({ limit: result.limit }, 200);
    },
  );
}
