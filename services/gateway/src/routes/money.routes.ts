import { createRoute, z } from '@hono/zod-openapi';
import {
  exposureLines,
  intentModeSchema,
  intentSourceSchema,
  moneyBalancesSchema,
  moneyExposureSchema,
  moneyPnlQuerySchema,
  moneyPnlSchema,
  moneyPnlSeriesSchema,
  realisedPnl,
  type MoneyPnlQuery,
} from '@livegate/contracts';
import type { Context } from 'hono';
import { principalOf, type GatewayEnv } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { jsonResponse, withAccess } from '../http/route-access.js';
import {
  exposureInputs,
  listBalances,
  sessionFills,
  startOfDbDay,
} from '../money/money.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

/** Who reads money: operators and viewers everything, an API key only its own strategy's. */
const READERS = ['operator', 'viewer', 'strategy'] as const;

const exposureQuery = z.strictObject({
  venue: intentModeSchema.optional(),
  source: intentSourceSchema.optional(),
});

/**
 * The strategy the caller may read: an API key its own (asking for another is 403), operators and
 * viewers the one asked for, or every one (undefined).
 */
function sourceFor(c: Context<GatewayEnv>, asked: string | undefined): string | undefined {
  const p = principalOf(c);
  if (p.kind !== 'apiKey') return asked;
  if (asked !== undefined && asked !== p.source) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `an API key reads only its own strategy's money (${p.source}), not ${asked}'s`,
    );
  }
  return p.source;
}

/** Issue 13, money on screen: balances, realised P&L and fees per strategy, exposure. */
export function registerMoneyRoutes(app: GatewayApp, deps: RouteDeps): void {
  const { db } = deps;

  async function pnlOf(c: Context<GatewayEnv>, query: MoneyPnlQuery) {
    const source = sourceFor(c, query.source);
    const since = query.since === undefined ? await startOfDbDay(db) : new Date(query.since);
    const fills = await sessionFills(db, { since, venue: query.venue, source });
    return { since: since.toISOString(), ...realisedPnl(fills) };
  }

  app.openapi(
    withAccess(
      ['operator', 'viewer'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/money/balances',
        summary:
          "Each venue account's balances per asset (free, locked), as the reconciler last read them; not for API keys (the whole account)",
        tags: ['money'],
        responses: { 200: jsonResponse(moneyBalancesSchema, 'One snapshot per venue read so far') },
      }),
    ),
    async (c) => c.json({ venues: await listBalances(db) }, 200),
  );

  app.openapi(
    withAccess(
      READERS,
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/money/pnl',
        summary:
          'Realised P&L (average cost, in the quote asset) and fees per venue, strategy and symbol over the session; an API key reads only its own strategy',
        tags: ['money'],
        request: { query: moneyPnlQuerySchema },
        responses: { 200: jsonResponse(moneyPnlSchema, 'One line per venue, strategy and symbol') },
      }),
    ),
    async (c) => {
      const { since, lines } = await pnlOf(c, c.req.valid('query'));
      return c.json({ since, lines }, 200);
    },
  );

  app.openapi(
    withAccess(
      READERS,
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/money/pnl/series',
        summary:
          'Cumulative realised P&L over the session per venue and quote asset, one point per fill that changed it (for a chart)',
        tags: ['money'],
        request: { query: moneyPnlQuerySchema },
        responses: { 200: jsonResponse(moneyPnlSeriesSchema, 'One series per venue and quote') },
      }),
    ),
    async (c) => {
      const { since, series } = await pnlOf(c, c.req.valid('query'));
      return c.json({ since, series }, 200);
    },
  );

  app.openapi(
    withAccess(
      READERS,
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/money/exposure',
        summary:
          'Open exposure per venue, strategy and base asset: net filled position and what open orders add or remove; an API key reads only its own strategy',
        tags: ['money'],
        request: { query: exposureQuery },
        responses: {
          200: jsonResponse(moneyExposureSchema, 'One line per venue, strategy and asset'),
        },
      }),
    ),
    async (c) => {
      const query = c.req.valid('query');
      const { filled, open } = await exposureInputs(db, sourceFor(c, query.source));
      const lines = exposureLines(filled, open).filter(
        (l) => query.venue === undefined || l.venue === query.venue,
      );
      return c.json({ lines }, 200);
    },
  );
}
