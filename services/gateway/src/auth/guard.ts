import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, unauthorized } from '../http/api-error.js';
import { findActiveApiKey } from './api-keys.repository.js';
import type { Db } from './operators.repository.js';
import { checkOrigin, isStateChanging } from './origin.js';
import type { Access, GatewayEnv, Principal } from './principal.js';
import { readSessionCookie } from './session-cookie.js';
import { findActiveSession } from './sessions.repository.js';

export interface GuardDeps {
  readonly db: Db;
  readonly clock: () => Date;
  readonly allowedOrigins: readonly string[];
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

/**
 * The caller behind the request: an `Authorization: Bearer` API key when that header is present (and
 * then only that), otherwise the session cookie. `undefined` when neither identifies anyone.
 */
export async function resolvePrincipal(
  c: Context,
  { db, clock }: Pick<GuardDeps, 'db' | 'clock'>,
): Promise<Principal | undefined> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const key = BEARER.exec(authorization)?.[1];
    const found = key === undefined ? undefined : await findActiveApiKey(db, key);
    return (
      found && { kind: 'apiKey', name: `key:${found.label}`, role: 'strategy', keyId: found.id }
    );
  }
  const cookie = readSessionCookie(c);
  const session = cookie === undefined ? undefined : await findActiveSession(db, cookie, clock());
  return (
    session && {
      kind: 'session',
      name: session.operator,
      role: session.role,
      sessionId: session.id,
      expiresAt: session.expiresAt,
    }
  );
}

/**
 * Route middleware deciding who may call: 401 without a valid session or key, 403 ORIGIN_REJECTED when a
 * browser (cookie) sends a state-changing request from an origin not on the allowlist, 403 FORBIDDEN for
 * a role the route does not admit. Public routes still refuse a foreign Origin on state-changing requests.
 */
export function guard(access: Access, deps: GuardDeps): MiddlewareHandler<GatewayEnv> {
  return async function guard(c, next) {
    const changing = isStateChanging(c.req.method);
    if (access === 'public') {
      if (changing) checkOrigin(c.req.header('origin'), deps.allowedOrigins, { required: false });
      return next();
    }
    const principal = await resolvePrincipal(c, deps);
    if (principal === undefined) throw unauthorized();
    c.set('principal', principal);
    if (changing && principal.kind === 'session') {
      checkOrigin(c.req.header('origin'), deps.allowedOrigins, { required: true });
    }
    if (!access.includes(principal.role)) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        `the ${principal.role} role may not ${c.req.method} ${c.req.routePath}`,
      );
    }
    await next();
  };
}
