import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, envBoolean, parseEnv } from './env.js';

const schema = z.object({
  PORT: z.coerce.number().int().default(8080),
  NATS_URL: z.string().url(),
  FLAG: envBoolean.default(false),
});

describe('parseEnv', () => {
  it('treats empty strings as unset and freezes the result', () => {
    const cfg = parseEnv(schema, { PORT: '', NATS_URL: 'nats://127.0.0.1:4222', FLAG: '1' });
    expect(cfg).toEqual({ PORT: 8080, NATS_URL: 'nats://127.0.0.1:4222', FLAG: true });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('reports every bad variable in one error', () => {
    let caught: unknown;
    try {
      parseEnv(schema, { PORT: 'x', FLAG: 'maybe' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const issues = (caught as ConfigError).issues;
    expect(issues.map((i) => i.split(':')[0])).toEqual(['PORT', 'NATS_URL', 'FLAG']);
    expect((caught as ConfigError).message).toMatch(/^invalid configuration: PORT:/);
  });

  it('names the root when the schema is not an object', () => {
    expect(() => parseEnv(z.never(), {})).toThrow(/\(root\)/);
  });
});
