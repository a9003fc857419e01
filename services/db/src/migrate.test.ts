import { describe, expect, it } from 'vitest';
import { errorLine } from './migrate.js';

describe('errorLine', () => {
  it('keeps the first line of an error message or of any thrown value', () => {
    expect(errorLine(new Error('relation "x" already exists\nDETAIL: y'))).toBe(
      'relation "x" already exists',
    );
    expect(errorLine('plain')).toBe('plain');
    expect(errorLine(42)).toBe('42');
  });
});
