import { cancelOutcomeEventSchema, cancelRecordSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import {
  cancelOutcomeEventFromRow,
  cancelRecordFromRow,
  type OrderCancelRecordRow,
} from './order-cancel.js';

const requestedAt = new Date('2026-01-31T12:00:00.000Z');
const resolvedAt = new Date('2026-01-31T12:00:01.000Z');

function cancelRow(patch: Partial<OrderCancelRecordRow> = {}): OrderCancelRecordRow {
  return {
    source: 'alpha',
    cancel_id: 'c-1',
    intent_id: 'i-1',
    requested_by: { kind: 'strategy' },
    reason: null,
    outcome: null,
    final_state: null,
    message: null,
    requested_at: requestedAt,
    resolved_at: null,
    ...patch,
  };
}

describe('cancel records from rows', () => {
  it('shows a cancel in work with null outcome fields, and no event for it', () => {
    expect(cancelRecordSchema.parse(cancelRecordFromRow(cancelRow()))).toEqual({
      cancelId: 'c-1',
      intentId: 'i-1',
      source: 'alpha',
      requestedBy: { kind: 'strategy' },
      requestedAt: '2026-01-31T12:00:00.000Z',
      outcome: null,
      state: null,
      message: null,
      resolvedAt: null,
    });
    expect(() => cancelOutcomeEventFromRow(cancelRow())).toThrow(
      'cancel alpha:c-1 has not ended: it has no outcome yet',
    );
  });

  it('builds the outcome event of an ended cancel, with its reason and operator', () => {
    const event = cancelOutcomeEventFromRow(
      cancelRow({
        requested_by: { kind: 'operator', operator: 'ann' },
        reason: 'Fat finger.',
        outcome: 'CANCELED',
        final_state: 'CANCELED',
        message: 'The order is cancelled.',
        resolved_at: resolvedAt,
      }),
    );
    expect(cancelOutcomeEventSchema.parse(event)).toEqual({
      type: 'order.cancel_outcome',
      cancelId: 'c-1',
      intentId: 'i-1',
      source: 'alpha',
      requestedBy: { kind: 'operator', operator: 'ann' },
      reason: 'Fat finger.',
      requestedAt: '2026-01-31T12:00:00.000Z',
      outcome: 'CANCELED',
      state: 'CANCELED',
      message: 'The order is cancelled.',
      resolvedAt: '2026-01-31T12:00:01.000Z',
    });
  });

  it('cuts a venue message longer than the bus takes, and keeps a refusal without state', () => {
    const event = cancelOutcomeEventFromRow(
      cancelRow({
        outcome: 'UNKNOWN_INTENT',
        message: 'x'.repeat(1500),
        resolved_at: resolvedAt,
      }),
    );
    expect(cancelOutcomeEventSchema.parse(event).message).toHaveLength(1000);
    expect(event.state).toBeNull();
  });

  it('refuses a stored requester the contracts do not know', () => {
    expect(() => cancelRecordFromRow(cancelRow({ requested_by: { kind: 'robot' } }))).toThrow();
  });
});
