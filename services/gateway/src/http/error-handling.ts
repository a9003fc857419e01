import { formatIssues, type ErrorCode } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import type { ClientAddress } from '../auth/client-address.js';
import { isStateChanging } from '../auth/origin.js';
import { actorOf, type GatewayEnv } from '../auth/principal.js';
import { ApiError, errorBody } from './api-error.js';
import type { AuditWriter } from './audit-writer.js';
import type { GatewayMetrics } from './metrics.js';
import type { RefusalAudit } from './refusal-audit.js';

const TARGETS = {
  json: 'body',
  query: 'query string',
  param: 'path parameter',
  header: 'headers',
} as const;

function sentence(text: string): string {
  return text.length <= 1000 ? text : `${text.slice(0, 997)}...`;
}

type HookResult =
  { success: true } | { success: false; error: unknown; target: string; data?: unknown };

function invalid(result: Extract<HookResult, { success: false }>, code: ErrorCode): ApiError {
  const issues = formatIssues(result.error as z.ZodError);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const where = TARGETS[result.target as keyof typeof TARGETS];
  return new ApiError(400, code, sentence(`invalid ${where}: ${issues[0]}${more}`), { issues });
}

/** The one validation hook of every route: a failed parse is a 400 with the issues in `details.issues`. */
export function validationHook(result: HookResult): void {
  if (!result.success) throw invalid(result, 'BAD_REQUEST');
}

/**
 * The hook of `POST /api/live/start`: a missing or malformed arm token gets the arming vocabulary
 * (TOKEN_MISSING / TOKEN_MALFORMED) instead of BAD_REQUEST; still a 400, still audited.
 */
export function armTokenHook(hookResult: { success: boolean }): undefined {
  const result = hookResult as HookResult;
  if (result.success) return undefined;
  const tokenIssue = (result.error as z.ZodError).issues.some((i) => i.path[0] === 'token');
  if (!tokenIssue) throw invalid(result, 'BAD_REQUEST');
  const given = (result.data as { token?: unknown } | undefined)?.token;
  throw invalid(result, given === undefined ? 'TOKEN_MISSING' : 'TOKEN_MALFORMED');
}

function fromHttpException(err: HTTPException): ApiError {
  const why =
    err.status === 415
      ? 'the body must be JSON (Content-Type: application/json)'
      : `the request could not be read (${err.message})`;
  return new ApiError(400, 'BAD_REQUEST', why);
}

export interface ErrorHandlerDeps {
  readonly audit: AuditWriter;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly refusals: RefusalAudit;
  readonly clientAddress: ClientAddress;
}

const REFUSAL_STATUSES = new Set([401, 403, 429]);

/**
 * Every error becomes the contracts' body. A 400 from a caller who signed in (or holds a key) also
 * writes one `http.bad_request` audit row; an anonymous one is only counted (`malformed_request`). A
 * refusal (401, 403, 429) of a state-changing request, or of a foreign Origin, is audited through the
 * aggregating {@link RefusalAudit}; other refusals are counted. Errors a service or route already
 * audited are neither. Anything unexpected is logged and answered 500 without detail.
 */
export function errorHandler(deps: ErrorHandlerDeps): ErrorHandler<GatewayEnv> {
  const { logger } = deps;
  return async function errorHandler(err, c) {
    let failure: ApiError;
    if (err instanceof ApiError) failure = err;
    else if (err instanceof HTTPException && err.status < 500) failure = fromHttpException(err);
    else {
      logger.error({ err, reqId: c.get('requestId') }, 'unhandled error');
      failure = new ApiError(500, 'INTERNAL', `internal error (request ${c.get('requestId')})`);
    }
    if (!failure.alreadyAudited) {
      if (failure.status === 400) await badRequest(c, failure, deps);
      else if (REFUSAL_STATUSES.has(failure.status)) await refused(c, failure, deps);
    }
    return c.json(failure.toJSON(), failure.status);
  };
}

async function refused(
  c: Context<GatewayEnv>,
  failure: ApiError,
  { refusals, metrics, clientAddress }: ErrorHandlerDeps,
): Promise<void> {
  const route = `${c.req.method} ${c.req.routePath}`;
  if (!isStateChanging(c.req.method) && failure.code !== 'ORIGIN_REJECTED') {
    metrics.refusals.inc({ code: failure.code, route });
    return;
  }
  await refusals.record({
    code: failure.code,
    message: failure.message,
    actor: actorOf(c.get('principal')),
    address: clientAddress(c),
    route,
  });
}

async function badRequest(
  c: Context<GatewayEnv>,
  failure: ApiError,
  deps: ErrorHandlerDeps,
): Promise<void> {
  if (c.get('principal') === undefined)
    deps.metrics.unauthenticated.inc({ reason: 'malformed_request' });
  else await auditBadRequest(c, failure, deps);
}

async function auditBadRequest(
  c: Context<GatewayEnv>,
  failure: ApiError,
  { audit, logger }: { audit: AuditWriter; logger: Logger },
): Promise<void> {
  try {
    await audit.write({
      kind: 'http.bad_request',
      actor: actorOf(c.get('principal')),
      subject: `${c.req.method} ${c.req.path}`.slice(0, 256),
      details: {
        code: failure.code,
        message: failure.message,
        issues: (failure.details?.issues ?? []) as string[],
      },
    });
  } catch (err) {
    logger.error({ err, reqId: c.get('requestId') }, 'bad request not audited');
  }
}

export const notFound: NotFoundHandler = (c) =>
  c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`.slice(0, 1000)), 404);
