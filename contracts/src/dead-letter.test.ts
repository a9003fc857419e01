import { describe, expect, it } from 'vitest';
import { deadLetterSchema } from './dead-letter.js';

describe('deadLetterSchema', () => {
  it('takes a letter with or without the intent ids, keeping the payload as it came', () => {
    const letter = {
      intentId: 'i-1',
      source: 'strat',
      reason: 'The order could not be resolved within its deliveries.',
      deliveries: 200,
      at: '2026-01-01T00:00:00.000Z',
      payload: { anything: [1, 2] },
    };
    expect(deadLetterSchema.parse(letter)).toEqual(letter);
    const { intentId: _i, source: _s, ...bare } = letter;
    expect(deadLetterSchema.parse({ ...bare, payload: 'not json' })).toMatchObject({
      payload: 'not json',
    });
    expect(deadLetterSchema.safeParse({ ...bare, reason: ' ' }).success).toBe(false);
  });
});
