import type { Context } from 'hono';
import { ApiError, unauthorized } from '../http/api-error.js';
import type { OperatorRole } from '@livegate/contracts';

/** Who is calling: a dashboard session (operator or viewer) or a strategy's API key. */
export type Principal =
  | {
      readonly kind: 'session';
      readonly name: string;
      readonly role: OperatorRole;
      readonly sessionId: string;
      readonly expiresAt: Date;
    }
  | {
      readonly kind: 'apiKey';
      readonly name: string;
      readonly role: 'strategy';
      readonly keyId: string;
      /** The one strategy the key is: its intents' `source`, the only orders it reads. */
      readonly source: string;
    };

export type Role = Principal['role'];

/** Who may call a route: nobody needs to sign in (`public`), or one of these roles. */
export type Access = 'public' | readonly Role[];

/** Hono variables the gateway's middleware sets. */
export interface GatewayEnv {
  Variables: { requestId: string; principal: Principal | undefined };
}

/** The name audit rows and logs carry for a caller. */
export function actorOf(principal: Principal | undefined): string {
  return principal?.name ?? 'anonymous';
}

export type SessionPrincipal = Extract<Principal, { kind: 'session' }>;

/** The caller the guard admitted (401 when a handler runs without one). */
export function principalOf(c: Context<GatewayEnv>): Principal {
  const principal = c.get('principal');
  if (principal === undefined) throw unauthorized();
  return principal;
}

/** The caller, who must hold a dashboard session (403 for an API key). */
export function sessionOf(c: Context<GatewayEnv>): SessionPrincipal {
  const principal = principalOf(c);
  if (principal.kind !== 'session') {
    throw new ApiError(403, 'FORBIDDEN', 'this route needs a dashboard session, not an API key');
  }
  return principal;
}
