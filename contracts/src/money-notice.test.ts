import { describe, expect, it } from 'vitest';
import { balancesStoredSchema, moneyChangedSchema } from './money-notice.js';

describe('money notices', () => {
  const at = '2026-12-06T05:00:00.000Z';

  it('takes a balances notice per venue with the time of the write', () => {
    expect(balancesStoredSchema.parse({ venue: 'live', takenAt: at })).toEqual({
      venue: 'live',
      takenAt: at,
    });
    expect(balancesStoredSchema.safeParse({ venue: 'demo', takenAt: at }).success).toBe(false);
    expect(balancesStoredSchema.safeParse({ venue: 'paper', takenAt: 'soon' }).success).toBe(false);
  });

  it('says why money changed: a fill, stored balances or a reconcile run, nothing else', () => {
    for (const reason of ['fill', 'order', 'balances', 'reconcile'])
      expect(moneyChangedSchema.safeParse({ venue: 'paper', reason, at }).success).toBe(true);
    expect(moneyChangedSchema.safeParse({ venue: 'paper', reason: 'deposit', at }).success).toBe(
      false,
    );
  });
});
