import { createRoute, z } from '@hono/zod-openapi';
import {
  riskLimitApprovalSchema,
  riskLimitChangeSchema,
  riskLimitListSchema,
  riskLimitProposalSchema,
  riskLimitSchema,
  type RiskLimitChange,
} from '@livegate/contracts';
import { sessionOf } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { errorResponse, jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import {
  applyRiskLimitChange,
  insertProposal,
  listPendingProposals,
  listRiskLimits,
  lockProposal,
  markApproved,
} from '../risk/risk-limits.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const changedSchema = z
  .object({ limit: riskLimitSchema.nullable() })
  .meta({ id: 'RiskLimitChanged' });
const proposedSchema = z
  .object({ proposal: riskLimitProposalSchema })
  .meta({ id: 'RiskLimitProposed' });

const detailsOf = (c: RiskLimitChange) => ({
  venue: c.venue,
  source: c.source,
  kind: c.kind,
  asset: c.asset ?? null,
  to: c.value,
  reason: c.reason,
});

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
          pending: await listPendingProposals(deps.db),
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

  registerApproveRoute(app, deps);
}

function registerApproveRoute(app: GatewayApp, deps: RouteDeps): void {
  app.openapi(
    withAccess(
      ['operator'],
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/risk/limits/approve',
        summary:
          'Four-eyes: apply a proposed risk limit change; the approver must not be the proposer',
        tags: ['risk'],
        request: { body: jsonBody(riskLimitApprovalSchema) },
        responses: {
          200: jsonResponse(changedSchema, 'Applied: the limit now in force (null: none)'),
          404: errorResponse('NOT_FOUND: no such proposal'),
          409: errorResponse('CONFLICT: the proposal was decided already'),
        },
      }),
    ),
    async (c) => {
      const { proposalId: id } = c.req.valid('json');
      const operator = sessionOf(c).name;
      const done = await deps.db.transaction().execute(async (trx) => {
        const found = /^[0-9]{1,18}$/.test(id) ? await lockProposal(trx, id) : undefined;
        if (found === undefined || found.decided) return { kind: 'not-open' as const, found };
        const p = found.proposal;
        if (p.proposedBy === operator) return { kind: 'own' as const, proposal: p };
        const change: RiskLimitChange = {
          venue: p.venue,
          source: p.source,
          kind: p.kind,
          ...(p.asset === null ? {} : { asset: p.asset }),
          value: p.value,
          reason: p.reason,
        };
        const applied = await applyRiskLimitChange(trx, change, operator);
        await markApproved(trx, id, operator);
        const audit = await deps.audit.append(trx, {
          kind: 'risk.limit_changed',
          actor: operator,
          subject: subjectOf(change),
          details: {
            ...detailsOf(change),
            from: applied.from,
            proposalId: id,
            proposedBy: p.proposedBy,
          },
        });
        return { kind: 'applied' as const, limit: applied.limit, audit };
      });
      if (done.kind === 'not-open') {
        if (done.found === undefined)
          throw new ApiError(404, 'NOT_FOUND', `no risk limit proposal ${id}`);
        throw new ApiError(409, 'CONFLICT', `risk limit proposal ${id} was decided already`);
      }
      if (done.kind === 'own') {
        await deps.audit.write({
          kind: 'risk.limit_refused',
          actor: operator,
          subject: `proposal/${id}`,
          details: { code: 'SECOND_OPERATOR_REQUIRED', proposalId: id },
        });
        throw new ApiError(
          403,
          'SECOND_OPERATOR_REQUIRED',
          'four-eyes: another operator must approve this risk limit change, not the one who proposed it',
        );
      }
      await deps.audit.announce(done.audit);
      return c.json({ limit: done.limit }, 200);
    },
  );
}
