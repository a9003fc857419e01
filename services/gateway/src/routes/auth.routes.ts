import { createRoute, z } from '@hono/zod-openapi';
import {
  loggedOutSchema,
  loginRequestSchema,
  sessionInfoSchema,
  whoAmISchema,
} from '@livegate/contracts';
import { findOperator } from '../auth/operators.repository.js';
import { DECOY_PASSWORD_HASH, verifyPassword } from '../auth/password.js';
import { clearSessionCookie, writeSessionCookie } from '../auth/session-cookie.js';
import { createSession, revokeSession } from '../auth/sessions.repository.js';
import { ApiError } from '../http/api-error.js';
import { principalOf, sessionOf } from '../auth/principal.js';
import { errorResponse, jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const WRONG = 'name or password is wrong';

export function registerAuthRoutes(app: GatewayApp, deps: RouteDeps): void {
  const { db, clock, audit, config } = deps;

  app.openapi(
    withAccess(
      'public',
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/auth/login',
        summary: 'Sign in: sets an httpOnly, SameSite=Strict session cookie',
        tags: ['auth'],
        request: { body: jsonBody(loginRequestSchema) },
        responses: {
          200: jsonResponse(sessionInfoSchema, 'Signed in'),
          401: errorResponse('Name or password is wrong (audited)'),
          403: errorResponse('Origin not allowed'),
          429: errorResponse(
            'RATE_LIMITED: too many failed sign-ins for this name from this address, or from this address (audited, aggregated; Retry-After)',
          ),
        },
      }),
    ),
    async (c) => {
      const { name, password } = c.req.valid('json');
      const address = deps.clientAddress(c);
      const from: { address?: string } = address === undefined ? {} : { address };
      const admission = await deps.loginThrottle.admit(name, address);
      if (!admission.ok) {
        const { scope, failures, retryAfterS } = admission;
        const message = `too many failed sign-ins ${scope === 'name' ? 'for this name' : 'from this address'}; try again in ${retryAfterS} s`;
        await deps.refusals.record({
          code: 'RATE_LIMITED',
          message,
          actor: 'anonymous',
          address,
          route: 'POST /api/auth/login',
          details: { name, scope, failures, windowS: config.loginThrottle.windowS, retryAfterS },
        });
        c.header('retry-after', String(retryAfterS));
        throw new ApiError(429, 'RATE_LIMITED', message, { retryAfterS }, true);
      }
      const { delayMs } = admission.attempt;
      if (delayMs > 0) await deps.sleep(delayMs);
      const operator = await findOperator(db, name);
      const matches = await verifyPassword(password, operator?.passwordHash ?? DECOY_PASSWORD_HASH);
      if (operator === undefined || !matches || operator.disabled) {
        const reason =
          operator === undefined
            ? 'unknown operator'
            : !matches
              ? 'wrong password'
              : 'operator disabled';
        await admission.attempt.failed();
        deps.metrics.unauthenticated.inc({ reason: 'login_failed' });
        await audit.write({
          kind: 'auth.login_failed',
          actor: 'anonymous',
          subject: name,
          details: { reason, ...from },
        });
        throw new ApiError(401, 'UNAUTHORIZED', WRONG, undefined, true);
      }
      await admission.attempt.succeeded();
      const now = clock();
      const { session, row } = await db.transaction().execute(async (trx) => {
        const created = await createSession(trx, { operator: name, now, ttlS: config.sessionTtlS });
        const logged = await audit.append(trx, {
          kind: 'auth.login',
          actor: name,
          details: { role: operator.role },
        });
        return { session: created, row: logged };
      });
      await audit.announce(row);
      writeSessionCookie(c, session.cookieValue, {
        maxAgeS: config.sessionTtlS,
        secure: config.cookieSecure,
      });
      return c.json(
        { operator: name, role: operator.role, expiresAt: session.expiresAt.toISOString() },
        200,
      );
    },
  );

  app.openapi(
    withAccess(
      ['operator', 'viewer'],
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/auth/logout',
        summary: 'Sign out: revokes the session and clears the cookie',
        tags: ['auth'],
        request: { body: jsonBody(z.strictObject({}), { required: false }) },
        responses: { 200: jsonResponse(loggedOutSchema, 'Signed out') },
      }),
    ),
    async (c) => {
      const session = sessionOf(c);
      const row = await db.transaction().execute(async (trx) => {
        await revokeSession(trx, session.sessionId, clock());
        return audit.append(trx, { kind: 'auth.logout', actor: session.name, details: {} });
      });
      await audit.announce(row);
      deps.onSessionEnded(session.sessionId);
      clearSessionCookie(c, { secure: config.cookieSecure });
      return c.json({ loggedOut: true as const }, 200);
    },
  );

  app.openapi(
    withAccess(
      ['operator', 'viewer', 'strategy'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/api/auth/me',
        summary: 'Who is calling: name, role and (for a session) when it expires',
        tags: ['auth'],
        responses: { 200: jsonResponse(whoAmISchema, 'The caller') },
      }),
    ),
    (c) => {
      const p = principalOf(c);
      return c.json(
        p.kind === 'session'
          ? { name: p.name, role: p.role, expiresAt: p.expiresAt.toISOString() }
          : { name: p.name, role: p.role },
        200,
      );
    },
  );
}
