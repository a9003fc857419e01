import { armingErrorCodeSchema, armingErrorSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { refuse } from './refusal.js';

describe('refuse', () => {
  it('has a valid sentence for every code', () => {
    for (const code of armingErrorCodeSchema.options) {
      const r = refuse(code);
      expect(armingErrorSchema.parse(r)).toEqual(r);
      expect(r.message).toMatch(/\.$/);
    }
  });

  it('takes a more specific sentence', () => {
    expect(refuse('TOKEN_USED', 'Superseded.')).toEqual({
      code: 'TOKEN_USED',
      message: 'Superseded.',
    });
  });
});
