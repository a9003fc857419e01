import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEnv } from './env.js';
import { startupRetryEnv, startupRetryPolicy } from './retry-env.js';

const schema = z.object(startupRetryEnv);

describe('startupRetryEnv', () => {
  it('retries from 500 ms, doubling up to 15 s, with a fifth of jitter, unless told otherwise', () => {
    expect(startupRetryPolicy(parseEnv(schema, {}))).toEqual({
      initialMs: 500,
      maxMs: 15_000,
      jitter: 0.2,
    });
    expect(
      startupRetryPolicy(
        parseEnv(schema, { STARTUP_RETRY_DELAY_MS: '50', STARTUP_RETRY_MAX_DELAY_MS: '200' }),
      ),
    ).toEqual({ initialMs: 50, maxMs: 200, jitter: 0.2 });
  });

  it('names a wait that is not a positive whole number of milliseconds', () => {
    expect(() =>
      parseEnv(schema, { STARTUP_RETRY_DELAY_MS: '0', STARTUP_RETRY_MAX_DELAY_MS: 'soon' }),
    ).toThrow(/^invalid configuration: STARTUP_RETRY_DELAY_MS: .*; STARTUP_RETRY_MAX_DELAY_MS: /);
  });
});
