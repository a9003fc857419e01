import { createRoute, type z } from '@hono/zod-openapi';
import {
  armLiveRequestSchema,
  armTokenIssuedSchema,
  liveInfoSchema,
  modeSnapshotSchema,
  reasonRequestSchema,
  startLiveRequestSchema,
  stopLiveRequestSchema,
} from '@livegate/contracts';
import { sessionOf } from '../auth/principal.js';
import { armTokenHook } from '../http/error-handling.js';
import { errorResponse, jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const refusals = {
  409: errorResponse('Refused by arming in the current state (code and sentence from arming)'),
  429: errorResponse('RATE_LIMITED: too many refused attempts'),
  503: errorResponse('UNAVAILABLE: the arming service did not answer'),
};

const OPERATOR_ONLY = ['operator'] as const;

export function registerArmingRoutes(app: GatewayApp, deps: RouteDeps): void {
  const { arming } = deps;
  const post = <B extends z.ZodType>(path: string, summary: string, body: B, required = true) =>
    withAccess(
      OPERATOR_ONLY,
      deps.guard,
      createRoute({
        method: 'post',
        path,
        summary,
        tags: ['arming'],
        request: { body: jsonBody(body, { required }) },
        responses: { 200: jsonResponse(modeSnapshotSchema, 'The new mode'), ...refusals },
      }),
    );

  app.openapi(
    withAccess(
      ['operator', 'viewer', 'strategy'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/mode',
        summary: 'The trading mode, as the arming service sees it',
        tags: ['arming'],
        responses: {
          200: jsonResponse(modeSnapshotSchema, 'The current mode'),
          503: refusals[503],
        },
      }),
    ),
    async (c) => c.json(await arming('status', {}), 200),
  );

  app.openapi(
    withAccess(
      ['operator', 'viewer', 'strategy'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/live/info',
        summary:
          'What arming LIVE means here: the live venue and account, session length, token lifetime',
        tags: ['arming'],
        responses: { 200: jsonResponse(liveInfoSchema, 'From the gateway configuration') },
      }),
    ),
    (c) => {
      const { venueLabel, accountLabel, sessionMaxS, tokenTtlS } = deps.config.live;
      return c.json(
        { liveVenue: venueLabel, liveAccount: accountLabel, sessionMaxS, tokenTtlS },
        200,
      );
    },
  );

  app.openapi(
    withAccess(
      OPERATOR_ONLY,
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/live/arm',
        summary: 'ARM LIVE step 1: a single-use token, valid for a short time, bound to you',
        tags: ['arming'],
        request: { body: jsonBody(armLiveRequestSchema) },
        responses: {
          200: jsonResponse(armTokenIssuedSchema, 'The token (shown once)'),
          ...refusals,
        },
      }),
    ),
    async (c) => {
      const { reason } = c.req.valid('json');
      const issued = await arming('request', { operator: sessionOf(c).name, reason });
      return c.json(issued, 200);
    },
  );

  app.openapi(
    post(
      '/api/live/start',
      'ARM LIVE step 2: the token and the typed phrase start a live session',
      startLiveRequestSchema,
    ),
    async (c) => {
      const { token, confirmation } = c.req.valid('json');
      return c.json(
        await arming('confirm', { operator: sessionOf(c).name, token, confirmation }),
        200,
      );
    },
    armTokenHook,
  );

  app.openapi(
    post('/api/live/stop', 'End the live session (back to PAPER)', stopLiveRequestSchema, false),
    async (c) => {
      const { reason } = c.req.valid('json');
      const operator = sessionOf(c).name;
      return c.json(
        await arming('disarm', reason === undefined ? { operator } : { operator, reason }),
        200,
      );
    },
  );

  app.openapi(
    post(
      '/api/live/kill',
      'Kill switch: latch HALTED, cancel open live orders',
      reasonRequestSchema,
    ),
    async (c) => {
      const { reason } = c.req.valid('json');
      return c.json(await arming('kill', { operator: sessionOf(c).name, reason }), 200);
    },
  );

  app.openapi(
    post('/api/live/release', 'Leave HALTED for PAPER', reasonRequestSchema),
    async (c) => {
      const { reason } = c.req.valid('json');
      return c.json(await arming('release', { operator: sessionOf(c).name, reason }), 200);
    },
  );
}
