import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues, parseResult } from './issues.js';

const schema = z.object({
  fills: z.array(z.object({ price: z.string() })),
  note: z.string().min(2, 'too short'),
});

describe('formatIssues', () => {
  it('prefixes each message with its dotted path, indices included', () => {
    const error = schema.safeParse({ fills: [{ price: 1 }], note: 'x' }).error;
    expect(error).toBeDefined();
    expect(formatIssues(error as z.ZodError)).toEqual([
      'fills.0.price: Invalid input: expected string, received number',
      'note: too short',
    ]);
  });

  it('gives a whole-value issue without a prefix', () => {
    const error = schema.safeParse('nope').error as z.ZodError;
    expect(formatIssues(error)).toEqual(['Invalid input: expected object, received string']);
  });
});

describe('parseResult', () => {
  it('returns the parsed value', () => {
    expect(parseResult(schema, { fills: [], note: 'ok' })).toEqual({
      ok: true,
      value: { fills: [], note: 'ok' },
    });
  });

  it('returns readable issues instead of throwing', () => {
    expect(parseResult(schema, { fills: [] })).toEqual({
      ok: false,
      issues: ['note: Invalid input: expected string, received undefined'],
    });
  });
});
