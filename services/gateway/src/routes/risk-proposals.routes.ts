import { createRoute } from '@hono/zod-openapi';
import {
  riskLimitApprovalSchema,
  riskLimitRejectedSchema,
  riskLimitRejectionSchema,
  type RiskLimitChange,
} from '@livegate/contracts';
import { sessionOf } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { errorResponse, jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import { changedSchema, detailsOf, subjectOf } from '../risk/limit-change.js';
import {
  applyRiskLimitChange,
  lockProposal,
  markApproved,
  markRejected,
} from '../risk/risk-limits.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

/** Four-eyes: a proposed limit change is applied by a second operator, or ends unapplied. */
export function registerRiskProposalRoutes(app: GatewayApp, deps: RouteDeps): void {
  registerApproveRoute(app, deps);
  registerRejectRoute(app, deps);
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
      if (done.kind === 'not-open') notOpen(id, done.found);
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

/** An unknown or already decided proposal: 404 / 409. */
function notOpen(id: string, found: unknown): never {
  if (found === undefined) throw new ApiError(404, 'NOT_FOUND', `no risk limit proposal ${id}`);
  throw new ApiError(409, 'CONFLICT', `risk limit proposal ${id} was decided already`);
}

function registerRejectRoute(app: GatewayApp, deps: RouteDeps): void {
  app.openapi(
    withAccess(
      ['operator'],
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/risk/limits/reject',
        summary:
          'Four-eyes: end a proposed risk limit change unapplied — withdrawn by its proposer, rejected by another operator (audited with the reason)',
        tags: ['risk'],
        request: { body: jsonBody(riskLimitRejectionSchema) },
        responses: {
          200: jsonResponse(riskLimitRejectedSchema, 'The proposal and how it ended'),
          404: errorResponse('NOT_FOUND: no such proposal'),
          409: errorResponse('CONFLICT: the proposal was decided already'),
        },
      }),
    ),
    async (c) => {
      const { proposalId: id, reason } = c.req.valid('json');
      const operator = sessionOf(c).name;
      const done = await deps.db.transaction().execute(async (trx) => {
        const found = /^[0-9]{1,18}$/.test(id) ? await lockProposal(trx, id) : undefined;
        if (found === undefined || found.decided) return { kind: 'not-open' as const, found };
        const p = found.proposal;
        const decision: 'withdrawn' | 'rejected' =
          p.proposedBy === operator ? 'withdrawn' : 'rejected';
        await markRejected(trx, id, operator);
        const audit = await deps.audit.append(trx, {
          kind: `risk.limit_${decision}`,
          actor: operator,
          subject: subjectOf({ ...p, asset: p.asset ?? undefined }),
          details: { proposalId: id, proposedBy: p.proposedBy, to: p.value, reason },
        });
        return { kind: 'ended' as const, proposal: p, decision, audit };
      });
      if (done.kind === 'not-open') notOpen(id, done.found);
      await deps.audit.announce(done.audit);
      return c.json({ proposal: done.proposal, decision: done.decision }, 200);
    },
  );
}
