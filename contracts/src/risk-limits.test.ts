import { describe, expect, it } from 'vitest';
import {
  pausedStrategySchema,
  riskLimitApprovalSchema,
  strategyResumeSchema,
  riskLimitRejectionSchema,
  riskLimitChangeSchema,
  riskLimitKeyProblem,
  riskLimitListSchema,
  riskLimitSchema,
} from './risk-limits.js';

const change = (patch: Record<string, unknown> = {}) => ({
  venue: 'paper',
  source: 'alpha',
  kind: 'max_open_orders',
  value: '3',
  reason: 'Tighter for the demo.',
  ...patch,
});

describe('risk limits - contracts', () => {
  it('accepts a change per kind with the asset each kind needs', () => {
    expect(riskLimitChangeSchema.parse(change())).toMatchObject({ kind: 'max_open_orders' });
    expect(
      riskLimitChangeSchema.parse(
        change({ kind: 'max_order_notional', asset: 'USDT', value: '1000.5' }),
      ),
    ).toMatchObject({ asset: 'USDT', value: '1000.5' });
    expect(
      riskLimitChangeSchema.parse(change({ kind: 'max_position', asset: 'BTC', value: '0.5' })),
    ).toMatchObject({ asset: 'BTC' });
    expect(
      riskLimitChangeSchema.parse(change({ kind: 'price_collar_pct', value: '5' })),
    ).toMatchObject({ value: '5' });
    expect(riskLimitChangeSchema.parse(change({ value: null })).value).toBeNull();
  });

  it('refuses a missing or unexpected asset, a fraction where a count is due, and a zero', () => {
    const issues = (patch: Record<string, unknown>) =>
      riskLimitChangeSchema.safeParse(change(patch)).error?.issues.map((i) => i.message);
    expect(issues({ kind: 'max_position' })).toEqual([
      'max_position needs an asset (the base asset, e.g. BTC)',
    ]);
    expect(issues({ kind: 'max_order_notional' })).toEqual([
      'max_order_notional needs an asset (the quote asset, e.g. USDT)',
    ]);
    expect(issues({ asset: 'BTC' })).toEqual(['max_open_orders takes no asset']);
    expect(issues({ kind: 'max_orders_per_second', value: '1.5' })).toEqual([
      'max_orders_per_second must be a whole number',
    ]);
    expect(issues({ value: '0' })).toEqual(['must be greater than 0']);
    expect(issues({ venue: 'demo' })?.length).toBe(1);
    expect(issues({ source: 'no spaces' })?.length).toBe(1);
    expect(issues({ reason: ' ' })?.length).toBe(1);
  });

  it('names the key problem of a stored row the same way', () => {
    expect(riskLimitKeyProblem('price_collar_pct', null, '2.5')).toBeUndefined();
    expect(riskLimitKeyProblem('max_open_orders', null, '2.5')).toBe(
      'max_open_orders must be a whole number',
    );
  });

  it('parses a stored limit and a list', () => {
    const limit = {
      venue: 'live',
      source: 'alpha',
      kind: 'max_position',
      asset: 'BTC',
      value: '2',
      updatedBy: 'alice',
      updatedAt: '2026-12-05T12:00:00.000Z',
    };
    expect(riskLimitSchema.parse(limit)).toEqual(limit);
    expect(riskLimitApprovalSchema.parse({ proposalId: '12' })).toEqual({ proposalId: '12' });
    expect(riskLimitApprovalSchema.safeParse({ proposalId: '' }).success).toBe(false);
    expect(riskLimitRejectionSchema.safeParse({ proposalId: '12' }).success).toBe(false);
    expect(riskLimitSchema.parse({ ...limit, source: '*' }).source).toBe('*');
    const pause = { venue: 'live', source: 'alpha', reason: 'Limits fixed.' };
    expect(strategyResumeSchema.parse(pause)).toEqual(pause);
    expect(strategyResumeSchema.safeParse({ ...pause, source: '*' }).success).toBe(false);
    expect(
      pausedStrategySchema.parse({
        venue: 'live',
        source: 'alpha',
        breaches: 3,
        reason: '3 risk limit breaches within 60 s',
        pausedAt: '2026-12-05T12:00:00.000Z',
      }).breaches,
    ).toBe(3);
    expect(riskLimitSchema.safeParse({ ...limit, source: '**' }).success).toBe(false);
    expect(riskLimitRejectionSchema.parse({ proposalId: '12', reason: 'Too large.' })).toEqual({
      proposalId: '12',
      reason: 'Too large.',
    });
    expect(
      riskLimitListSchema.parse({ limits: [limit], pending: [], paused: [], fourEyes: false })
        .limits,
    ).toHaveLength(1);
  });
});
