import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEnv } from './env.js';
import { logEnv } from './log-env.js';

const schema = z.object(logEnv);

describe('logEnv', () => {
  it('logs info as JSON unless told otherwise', () => {
    expect(parseEnv(schema, { LOG_LEVEL: '', LOG_FORMAT: '' })).toEqual({
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    });
    expect(parseEnv(schema, { LOG_LEVEL: 'silent', LOG_FORMAT: 'pretty' })).toEqual({
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'pretty',
    });
  });

  it('names a level or format pino does not have', () => {
    expect(() => parseEnv(schema, { LOG_LEVEL: 'verbose', LOG_FORMAT: 'text' })).toThrow(
      /^invalid configuration: LOG_LEVEL: .*; LOG_FORMAT: /,
    );
  });
});
