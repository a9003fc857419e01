import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiError, unauthorized } from '../http/api-error.js';
import type { NoiseReason } from '../http/metrics.js';
import { findActiveApiKey } from './api-keys.repository.js';
import type { Db } from './operators.repository.js';
import { checkOrigin, isStateChanging } from './origin.js';
import type { Access, GatewayEnv, Principal } from './principal.js';
import { readSessionCookie, SESSION_COOKIE } from './session-cookie.js';
import { findActiveSession } from './sessions.repository.js';

export interface GuardDeps {
  readonly db: Db;
  readonly clock: () => Date;
  readonly allowedOrigins: readonly string[];
  /** Told why a request identified nobody (counted in metrics, not audited). */
  readonly noise: (reason: NoiseReason) => void;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;
const NO_SOURCE =
  'this API key was issued without a source; issue a new one with pnpm apikey:add --label <label> --source <source>';

/**
 * The caller behind the request: an `Authorization: Bearer` API key when that header is present (and
 * then only that), otherwise the session cookie. `undefined` when neither identifies anyone.
 */
export async function resolvePrincipal(
  c: Context,
  { db, clock, noise }: Pick<GuardDeps, 'db' | 'clock' | 'noise'>,
): Promise<Principal | undefined> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const key = BEARER.exec(authorization)?.[1];
    const found = key === undefined ? undefined : await findActiveApiKey(db, key);
    if (found === undefined) return undefined;
    if (found.source === null) {
      noise('bad_api_key');
      throw new ApiError(401, 'UNAUTHORIZED', NO_SOURCE);
    }
    return {
      kind: 'apiKey',
      name: `key:${found.label}`,
      role: 'strategy',
      keyId: found.id,
      source: found.source,
    };
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

/** Why a request without a principal identified nobody. */
function noiseOf(c: Context): NoiseReason {
  if (c.req.header('authorization') !== undefined) return 'bad_api_key';
  return getCookie(c, SESSION_COOKIE) === undefined ? 'no_credentials' : 'bad_session';
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
    if (principal === undefined) {
      deps.noise(noiseOf(c));
      throw unauthorized();
    }
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
