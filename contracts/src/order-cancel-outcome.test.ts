import { describe, expect, it } from 'vitest';
import {
  cancelOutcomeEventSchema,
  cancelOutcomeMsgId,
  cancelRecordSchema,
} from './order-cancel-outcome.js';

const at = '2026-01-31T12:00:00.000Z';
const asked = {
  cancelId: 'c-1',
  intentId: 'i-1',
  source: 'alpha',
  requestedBy: { kind: 'strategy' },
  requestedAt: at,
};

describe('cancel outcome contracts', () => {
  it('takes every outcome, a refusal with no order state among them', () => {
    const refused = cancelOutcomeEventSchema.parse({
      type: 'order.cancel_outcome',
      ...asked,
      outcome: 'UNKNOWN_INTENT',
      state: null,
      message: 'Unknown intent.',
      resolvedAt: at,
    });
    expect(refused.state).toBeNull();
    expect(
      cancelOutcomeEventSchema.parse({
        type: 'order.cancel_outcome',
        ...asked,
        reason: 'Strategy stopped.',
        outcome: 'FINAL',
        state: 'FILLED',
        message: 'The order is FILLED.',
        resolvedAt: at,
      }).reason,
    ).toBe('Strategy stopped.');
  });

  it('refuses an event without an outcome, or with an unknown one', () => {
    const base = {
      type: 'order.cancel_outcome',
      ...asked,
      state: null,
      message: 'x',
      resolvedAt: at,
    };
    expect(cancelOutcomeEventSchema.safeParse(base).success).toBe(false);
    expect(cancelOutcomeEventSchema.safeParse({ ...base, outcome: 'MAYBE' }).success).toBe(false);
    expect(
      cancelOutcomeEventSchema.safeParse({ ...base, outcome: 'CANCELED', resolvedAt: null })
        .success,
    ).toBe(false);
  });

  it('shows a stored cancel still in work with its outcome fields null', () => {
    const open = cancelRecordSchema.parse({
      ...asked,
      outcome: null,
      state: null,
      message: null,
      resolvedAt: null,
    });
    expect(open.outcome).toBeNull();
    expect(cancelRecordSchema.safeParse({ ...asked, outcome: null }).success).toBe(false);
  });

  it('gives one message id per (source, cancelId)', () => {
    expect(cancelOutcomeMsgId({ source: 'alpha', cancelId: 'c-1' })).toBe(
      'cancel-outcome:alpha:c-1',
    );
  });
});
