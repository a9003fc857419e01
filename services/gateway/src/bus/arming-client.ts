import {
  armingSchemas,
  type ArmingErrorCode,
  type ArmingRequest,
  type ArmingResult,
  type ArmingVerb,
} from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/api-error.js';
import type { GatewayBus } from './gateway-bus.js';

const STATUS: Record<ArmingErrorCode, ContentfulStatusCode> = {
  TOKEN_MISSING: 400,
  TOKEN_MALFORMED: 400,
  TOKEN_UNKNOWN: 400,
  TOKEN_OTHER_OPERATOR: 400,
  WRONG_PHRASE: 400,
  INVALID_REQUEST: 400,
  TOKEN_EXPIRED: 409,
  TOKEN_USED: 409,
  ALREADY_LIVE: 409,
  HALTED: 409,
  NOT_LIVE: 409,
  NOT_HALTED: 409,
  RECONCILE_PENDING: 409,
  SECOND_OPERATOR_REQUIRED: 409,
  NOT_AUTHORIZED: 403,
  OPERATOR_UNKNOWN: 403,
  OPERATOR_DISABLED: 403,
  OPERATOR_NOT_ALLOWED: 403,
  RATE_LIMITED: 429,
};

/** The HTTP status of a refused arming verb. */
export function armingErrorStatus(code: ArmingErrorCode): ContentfulStatusCode {
  return STATUS[code];
}

export type ArmingClient = <V extends ArmingVerb>(
  verb: V,
  request: ArmingRequest<V>,
) => Promise<ArmingResult<V>>;

/**
 * Calls `arming.<verb>` and unwraps the reply: a refusal becomes an ApiError with the arming code and
 * sentence; no answer (no responder, timeout, broken reply) becomes 503 UNAVAILABLE.
 */
export function createArmingClient({
  bus,
  timeoutMs,
  logger,
}: {
  bus: GatewayBus;
  timeoutMs: number;
  logger: Logger;
}): ArmingClient {
  return async function arming(verb, request) {
    const schemas = armingSchemas[verb];
    let reply;
    try {
      reply = await bus.request(
        bus.subjects.arming(verb),
        schemas.request,
        schemas.reply,
        request,
        {
          timeoutMs,
        },
      );
    } catch (err) {
      logger.warn({ err, verb }, 'arming did not answer');
      throw new ApiError(
        503,
        'UNAVAILABLE',
        'the arming service did not answer; try again shortly',
      );
    }
    if (!reply.ok)
      throw new ApiError(
        armingErrorStatus(reply.error.code),
        reply.error.code,
        reply.error.message,
        undefined,
        true,
      );
    return reply.result as ArmingResult<typeof verb>;
  };
}
