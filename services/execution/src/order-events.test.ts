import { orderEventSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { outcomeSpecOf, refusalEvent, settledSpec } from './order-events.js';
import { orderRow } from './test-rows.test-support.js';

const s = { eventId: 'e1', at: '2026-01-01T00:00:01.000Z' };
const valid = (e: unknown) => orderEventSchema.parse(e);

describe('order events', () => {
  it('republishes a stored outcome as the event that describes it', () => {
    expect(
      outcomeSpecOf(orderRow({ state: 'REJECTED', reject_code: 'STALE', reject_message: 'old' })),
    ).toEqual({ type: 'order.rejected', code: 'STALE', message: 'old' });
    expect(outcomeSpecOf(orderRow({ state: 'NOT_PLACED' }))).toEqual({
      type: 'order.rejected',
      code: 'NOT_PLACED',
      message: 'The order was not placed.',
    });
    expect(outcomeSpecOf(orderRow({ state: 'CANCELED' }))).toEqual({ type: 'order.canceled' });
    expect(outcomeSpecOf(orderRow({ state: 'FILLED' }))).toEqual({ type: 'order.updated' });
  });

  it('settles to submitted, or rejected when the venue says REJECTED', () => {
    const base = {
      exchange_order_id: '1',
      executed_qty: '0',
      avg_price: null,
      last_exchange_status: 'NEW' as const,
    };
    expect(settledSpec({ ...base, state: 'NEW' })).toEqual({ type: 'order.submitted' });
    expect(
      settledSpec({
        ...base,
        state: 'REJECTED',
        reject_code: 'EXCHANGE_REJECTED',
        reject_message: 'said no',
      }),
    ).toEqual({ type: 'order.rejected', code: 'EXCHANGE_REJECTED', message: 'said no' });
    expect(settledSpec({ ...base, state: 'REJECTED' })).toMatchObject({
      message: 'The exchange reports the order as REJECTED.',
    });
  });

  it('builds a refusal for a message without a row of its own', () => {
    expect(
      valid(
        refusalEvent(
          {
            intentId: 'x',
            source: 'momentum',
            mode: 'live',
            code: 'IDEMPOTENCY_KEY_REUSED',
            message: 'reused',
          },
          s,
        ),
      ),
    ).toEqual({
      type: 'order.rejected',
      eventId: 'e1',
      at: s.at,
      state: 'REJECTED',
      intentId: 'x',
      source: 'momentum',
      mode: 'live',
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'reused',
    });
  });
});
