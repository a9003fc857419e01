import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decode } from './decode.js';

const schema = z.object({ id: z.string(), qty: z.object({ value: z.number() }) });

describe('decode', () => {
  it('returns the parsed value of valid JSON', () => {
    expect(decode(schema, '{"id":"a","qty":{"value":1},"extra":true}')).toEqual({
      ok: true,
      value: { id: 'a', qty: { value: 1 } },
    });
  });

  it('names every failing path', () => {
    const bad = decode(schema, '{"qty":{"value":"x"}}');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.split(':')[0])).toEqual(['id', 'qty.value']);
  });

  it('reports text that is not JSON as an issue instead of throwing', () => {
    expect(decode(schema, '{nope')).toMatchObject({
      ok: false,
      issues: [expect.stringMatching(/^not JSON: /)],
    });
  });
});
