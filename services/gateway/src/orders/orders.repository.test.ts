import { describe, expect, it } from 'vitest';
import { toOrderRow } from './orders.repository.js';

describe('toOrderRow', () => {
  it('camelCases columns and turns dates into ISO strings, leaving other values alone', () => {
    expect(
      toOrderRow({
        intent_id: 'i1',
        quote_order_qty: '10.5',
        inserted_at: new Date('2026-01-31T12:00:00.000Z'),
        attempts: 2,
        reject_code: null,
        x_2y: true,
      }),
    ).toEqual({
      intentId: 'i1',
      quoteOrderQty: '10.5',
      insertedAt: '2026-01-31T12:00:00.000Z',
      attempts: 2,
      rejectCode: null,
      x2y: true,
    });
  });
});
