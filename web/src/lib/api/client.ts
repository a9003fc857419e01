import { httpErrorBodySchema } from '@livegate/contracts';
import type { z } from 'zod';

/** A refused or failed call: the gateway's code and sentence, or ours when it could not say. */
export interface ApiError {
  /** HTTP status; 0 when no answer arrived at all. */
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

/**
 * The gateway could not be reached at all: no answer (status 0), or the dashboard server's own 502/504
 * (or a 503) saying so. Not a refusal: retrying later, or acting without the gateway, is the way on.
 */
export function isUnreachable(error: ApiError): boolean {
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface ApiClientProps {
  fetch?: typeof globalThis.fetch;
  /** Told about every 401, e.g. to send the operator to the login page. */
  onUnauthorized?: () => void;
}

export interface ApiClient {
  get<S extends z.ZodType>(path: string, schema: S): Promise<ApiResult<z.output<S>>>;
  post<S extends z.ZodType>(
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<ApiResult<z.output<S>>>;
  put<S extends z.ZodType>(path: string, schema: S, body: unknown): Promise<ApiResult<z.output<S>>>;
}

const fail = (status: number, code: string, message: string) =>
  ({ ok: false, error: { status, code, message } }) as const;

/**
 * Calls the gateway through the dashboard's own origin (`/api/*`, proxied server-side). Never throws:
 * every answer is parsed — success bodies with the caller's schema, errors with the contracts'
 * `httpErrorBodySchema` — and a failure comes back as `{ ok: false, error }` with a sentence to show.
 */
export function createApiClient({
  fetch: doFetch = (...a) => fetch(...a),
  onUnauthorized,
}: ApiClientProps = {}): ApiClient {
  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<ApiResult<z.output<S>>> {
    let res: Response;
    try {
      res = await doFetch(path, {
        method,
        credentials: 'same-origin',
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return fail(
        0,
        'UNAVAILABLE',
        'The dashboard server did not answer. Check the connection and try again.',
      );
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      if (res.status === 401) onUnauthorized?.();
      const parsed = httpErrorBodySchema.safeParse(json);
      if (parsed.success) return { ok: false, error: { status: res.status, ...parsed.data.error } };
      return fail(
        res.status,
        'INTERNAL',
        `The server answered ${res.status} without an explanation.`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      return fail(
        res.status,
        'INTERNAL',
        `The answer to ${method} ${path} did not have the expected shape.`,
      );
    return { ok: true, data: parsed.data };
  }

  return {
    get: (path, schema) => request('GET', path, schema),
    post: (path, schema, body) => request('POST', path, schema, body ?? {}),
    put: (path, schema, body) => request('PUT', path, schema, body),
  };
}
