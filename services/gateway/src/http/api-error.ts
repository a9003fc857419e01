import type { ErrorCode, HttpErrorBody } from '@livegate/contracts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A refusal with its HTTP status, machine code and one human sentence; never a stack or a secret. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** The service that refused already wrote the audit row (arming does), so the gateway writes none. */
    readonly alreadyAudited = false,
  ) {
    super(message);
  }

  toJSON(): HttpErrorBody {
    return errorBody(this.code, this.message, this.details);
  }
}

/** The contracts' error body. */
export function errorBody(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): HttpErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const unauthorized = () =>
  new ApiError(401, 'UNAUTHORIZED', 'sign in (session cookie) or send an API key (Bearer) first');
