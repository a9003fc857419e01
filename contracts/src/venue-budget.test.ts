import { describe, expect, it } from 'vitest';
import { budgetNoteSchema } from './venue-budget.js';

describe('budget note', () => {
  it('carries counts and a stop, each optional', () => {
    expect(budgetNoteSchema.parse({ usedWeight: 12, stopUntil: 1_800_000_000_000 })).toEqual({
      usedWeight: 12,
      stopUntil: 1_800_000_000_000,
    });
    expect(budgetNoteSchema.parse({})).toEqual({});
  });

  it('refuses negative, fractional or unknown fields', () => {
    expect(budgetNoteSchema.safeParse({ usedWeight: -1 }).success).toBe(false);
    expect(budgetNoteSchema.safeParse({ orderCount10s: 1.5 }).success).toBe(false);
    expect(budgetNoteSchema.safeParse({ weight: 1 }).success).toBe(false);
  });
});
