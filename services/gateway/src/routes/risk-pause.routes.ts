import { createRoute, z } from '@hono/zod-openapi';
import { pausedStrategySchema, strategyResumeSchema } from '@livegate/contracts';
import { sessionOf } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { errorResponse, jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import { deletePause } from '../risk/paused.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const resumedSchema = z.object({ resumed: pausedStrategySchema }).meta({ id: 'StrategyResumed' });

/** Issue 13: a strategy paused after repeated risk limit breaches trades again only when an operator says so. */
export function registerRiskPauseRoutes(app: GatewayApp, deps: RouteDeps): void {
  app.openapi(
    withAccess(
      ['operator'],
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/risk/resume',
        summary:
          'End the pause of a strategy on a venue (set by pause_after_breaches); audited as risk.strategy_resumed with the reason',
        tags: ['risk'],
        request: { body: jsonBody(strategyResumeSchema) },
        responses: {
          200: jsonResponse(resumedSchema, 'The pause that ended'),
          404: errorResponse('NOT_FOUND: the strategy is not paused on that venue'),
        },
      }),
    ),
    async (c) => {
      const { venue, source, reason } = c.req.valid('json');
      const operator = sessionOf(c).name;
      const done = await deps.db.transaction().execute(async (trx) => {
        const resumed = await deletePause(trx, { venue, source });
        if (resumed === undefined) return undefined;
        const audit = await deps.audit.append(trx, {
          kind: 'risk.strategy_resumed',
          actor: operator,
          subject: `${venue}/${source}`,
          details: {
            venue,
            source,
            reason,
            breaches: resumed.breaches,
            pausedAt: resumed.pausedAt,
            pauseReason: resumed.reason,
          },
        });
        return { resumed, audit };
      });
      if (done === undefined)
        throw new ApiError(404, 'NOT_FOUND', `strategy ${source} is not paused on ${venue}`);
      await deps.audit.announce(done.audit);
      deps.logger.info({ operator, venue, source }, 'strategy resumed');
      return c.json({ resumed: done.resumed }, 200);
    },
  );
}
