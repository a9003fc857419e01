import { createRoute, z } from '@hono/zod-openapi';
import {
  riskLimitChangeSchema,
  riskLimitListSchema,
  riskLimitProposalSchema,
} from '@livegate/contracts';
import { sessionOf } from '../auth/principal.js';
import { jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import {
  applyRiskLimitChange,
  insertProposal,
  listPendingProposals,
  listRiskLimits,
} from '../risk/risk-limits.repository.js';
import { listPausedStrategies } from '../risk/paused.repository.js';
import { changedSchema, detailsOf, subjectOf } from '../risk/limit-change.js';
import type { GatewayApp, RouteDeps } from './deps.js';
import { registerRiskPauseRoutes } from './risk-pause.routes.js';
import { registerRiskProposalRoutes } from './risk-proposals.routes.js';

const proposedSchema = z
  .object({ proposal: riskLimitProposalSchema })
  .meta({ id: 'RiskLimitProposed' });

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
          pending: await listPendingProposals(deps.db),
          paused: await listPausedStrategies(deps.db),
          fourEyes: deps.config.riskFourEyes,
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
          'Set one risk limit (value) or remove it (value null); audited as risk.limit_changed with the old and new value. Under four-eyes the change is only proposed (202)',
        tags: ['risk'],
        request: { body: jsonBody(riskLimitChangeSchema) },
        responses: {
          200: jsonResponse(changedSchema, 'The limit now in force (null: none)'),
          202: jsonResponse(proposedSchema, 'Four-eyes: proposed, waiting for another operator'),
        },
      }),
    ),
    async (c) => {
      const change = c.req.valid('json');
      const operator = sessionOf(c).name;
      if (deps.config.riskFourEyes) {
        const { proposal, audit } = await deps.db.transaction().execute(async (trx) => {
          const stored = await insertProposal(trx, change, operator);
          const row = await deps.audit.append(trx, {
            kind: 'risk.limit_proposed',
            actor: operator,
            subject: subjectOf(change),
            details: { ...detailsOf(change), proposalId: stored.id },
          });
          return { proposal: stored, audit: row };
        });
        await deps.audit.announce(audit);
        return c.json({ proposal }, 202);
      }
      const { result, audit } = await deps.db.transaction().execute(async (trx) => {
        const applied = await applyRiskLimitChange(trx, change, operator);
        const row = await deps.audit.append(trx, {
          kind: 'risk.limit_changed',
          actor: operator,
          subject: subjectOf(change),
          details: { ...detailsOf(change), from: applied.from },
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

  registerRiskProposalRoutes(app, deps);
  registerRiskPauseRoutes(app, deps);
}
