import { describe, expect, it } from 'vitest';
import {
  cancelAcceptedSchema,
  cancelAllBodySchema,
  cancelAllResultSchema,
  cancelMsgId,
  cancelOutcomeSchema,
  operatorCancelBodySchema,
  orderCancelSchema,
} from './order-cancel.js';

const at = '2026-01-31T12:00:00.000Z';

describe('order cancel contracts', () => {
  it('takes a strategy cancel and defaults the requester to the strategy', () => {
    const c = orderCancelSchema.parse({ cancelId: 'c-1', intentId: 'i-1', source: 'alpha', at });
    expect(c.requestedBy).toEqual({ kind: 'strategy' });
    expect(cancelMsgId(c)).toBe('cancel:alpha:c-1');
  });

  it('takes an operator cancel with a reason, and refuses bad ids and requesters', () => {
    expect(
      orderCancelSchema.parse({
        cancelId: 'c-1',
        intentId: 'i-1',
        source: 'alpha',
        requestedBy: { kind: 'operator', operator: 'ann' },
        reason: 'fat finger',
        at,
      }).requestedBy,
    ).toEqual({ kind: 'operator', operator: 'ann' });
    expect(
      orderCancelSchema.safeParse({ cancelId: 'a.b', intentId: 'i-1', source: 'alpha', at })
        .success,
    ).toBe(false);
    expect(
      orderCancelSchema.safeParse({
        cancelId: 'c',
        intentId: 'i',
        source: 'alpha',
        requestedBy: { kind: 'operator' },
        at,
      }).success,
    ).toBe(false);
  });

  it('names the outcomes and the HTTP bodies', () => {
    expect(cancelOutcomeSchema.options).toContain('UNKNOWN_INTENT');
    expect(
      cancelAcceptedSchema.parse({
        intentId: 'i',
        source: 'alpha',
        state: 'FILLED',
        final: true,
        message: 'already FILLED',
      }).final,
    ).toBe(true);
    expect(operatorCancelBodySchema.safeParse({ reason: ' ' }).success).toBe(false);
    expect(operatorCancelBodySchema.safeParse({ reason: 'r', extra: 1 }).success).toBe(false);
    expect(cancelAllBodySchema.parse({ symbol: 'BTCUSDT', reason: 'r' }).symbol).toBe('BTCUSDT');
    expect(cancelAllBodySchema.safeParse({ symbol: 'btc', reason: 'r' }).success).toBe(false);
    expect(
      cancelAllResultSchema.parse({
        symbol: 'BTCUSDT',
        requested: [{ intentId: 'i', source: 'a', cancelId: 'c' }],
      }).requested,
    ).toHaveLength(1);
  });
});
