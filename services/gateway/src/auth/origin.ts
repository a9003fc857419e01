import { ApiError } from '../http/api-error.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Refuses an `Origin` that is not on the allowlist. `required`: a browser request (cookie-authenticated or a
 * websocket upgrade) must carry one; otherwise an absent Origin (API-key callers, curl) passes.
 */
export function checkOrigin(
  origin: string | undefined,
  allowed: readonly string[],
  { required }: { required: boolean },
): void {
  if (origin === undefined) {
    if (required)
      throw new ApiError(403, 'ORIGIN_REJECTED', 'a browser request must carry an Origin header');
    return;
  }
  if (!allowed.includes(origin)) {
    throw new ApiError(
      403,
      'ORIGIN_REJECTED',
      `origin ${JSON.stringify(origin.slice(0, 200))} is not allowed (GATEWAY_ALLOWED_ORIGINS)`,
    );
  }
}
