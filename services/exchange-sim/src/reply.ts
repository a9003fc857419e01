import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from './errors.js';

/** A Binance error answer: `{ code, msg }` with its HTTP status and headers. */
export function replyError(c: Context, error: ApiError): Response {
  return c.json(
    { code: error.code, msg: error.msg },
    error.status as ContentfulStatusCode,
    error.headers,
  );
}
