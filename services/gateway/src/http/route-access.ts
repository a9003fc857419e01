import { httpErrorBodySchema } from '@livegate/contracts';
import type { RouteConfig, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { guard, type GuardDeps } from '../auth/guard.js';
import type { Access } from '../auth/principal.js';
import { ApiError } from './api-error.js';

/** Security schemes of the OpenAPI document: the dashboard's session cookie, a strategy's API key. */
export const SECURITY_SCHEMES = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: 'livegate_session' },
  apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `pnpm apikey:add`' },
} as const;

const MAX_BODY_BYTES = 64 * 1024;

export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: httpErrorBodySchema } } };
}

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(400, 'BAD_REQUEST', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  },
});

/**
 * Puts who may call a route in one place: the document's `security` (empty for public routes) and the
 * guard that enforces it, plus the error responses every route can give.
 */
export function withAccess<R extends RouteConfig>(access: Access, deps: GuardDeps, route: R): R {
  const isPublic = access === 'public';
  return {
    ...route,
    security: isPublic ? [] : [{ sessionCookie: [] }, { apiKey: [] }],
    middleware: [guard(access, deps), limitBody],
    responses: {
      ...route.responses,
      400: errorResponse('Invalid request (`details.issues` lists every problem)'),
      ...(isPublic
        ? {}
        : {
            401: errorResponse('No valid session cookie or API key'),
            403: errorResponse(
              'Role not allowed (FORBIDDEN) or Origin not allowed (ORIGIN_REJECTED)',
            ),
          }),
      500: errorResponse('Internal error'),
    },
  };
}

/** A JSON request body for `createRoute`; optional bodies accept an empty request as `{}`. */
export function jsonBody<S extends z.ZodType>(schema: S, { required = true } = {}) {
  return { required, content: { 'application/json': { schema } } };
}

/** A JSON response for `createRoute`. */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
