import { describe, expect, it } from 'vitest';
import type { ApiError } from '../http/api-error.js';
import { checkOrigin, isStateChanging } from './origin.js';

const allowed = ['https://ops.example.com'];

function refusal(fn: () => void): ApiError {
  try {
    fn();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('checkOrigin', () => {
  it('passes an allowed origin, and an absent one unless required', () => {
    expect(() => checkOrigin('https://ops.example.com', allowed, { required: true })).not.toThrow();
    expect(() => checkOrigin(undefined, allowed, { required: false })).not.toThrow();
  });

  it('refuses a foreign origin or a missing one when required, as 403 ORIGIN_REJECTED', () => {
    const foreign = refusal(() =>
      checkOrigin('https://evil.example', allowed, { required: false }),
    );
    expect(foreign).toMatchObject({ status: 403, code: 'ORIGIN_REJECTED' });
    expect(foreign.message).toBe(
      'origin "https://evil.example" is not allowed (GATEWAY_ALLOWED_ORIGINS)',
    );
    expect(refusal(() => checkOrigin(undefined, allowed, { required: true }))).toMatchObject({
      status: 403,
      code: 'ORIGIN_REJECTED',
      message: 'a browser request must carry an Origin header',
    });
    expect(refusal(() => checkOrigin('null', allowed, { required: true })).code).toBe(
      'ORIGIN_REJECTED',
    );
  });
});

describe('isStateChanging', () => {
  it('is false for GET, HEAD and OPTIONS only', () => {
    expect(['GET', 'head', 'OPTIONS'].map(isStateChanging)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isStateChanging)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});
