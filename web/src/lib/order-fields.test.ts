import { describe, expect, it } from 'vitest';
import { labelOf, orderFields } from './order-fields.js';

describe('orderFields', () => {
  it('labels the known columns in reading order, folds the quote amount into Quantity, zones the times', () => {
    const fields = orderFields({
      updatedAt: '2026-01-31T12:00:05.000Z',
      intentId: 'i-1',
      symbol: 'BTCUSDT',
      quantity: null,
      quoteOrderQty: '100',
      cummulativeQuoteQty: '99.98',
      clientOrderId: 'lg-abc',
      attempts: 1,
      newColumn: { a: 1 },
      dryRun: false,
      empty: '',
    });
    expect(fields.map((f) => [f.label, f.value])).toEqual([
      ['Intent id', 'i-1'],
      ['Symbol', 'BTCUSDT'],
      ['Quantity', '100 USDT (quote)'],
      ['Filled value', '99.98 USDT'],
      ['Client order id', 'lg-abc'],
      ['Updated', expect.stringMatching(/^2026-01-31 \d\d:\d\d:05 UTC/)],
      ['Send attempts', '1'],
      ['New column', '{"a":1}'],
      ['Dry run', 'false'],
    ]);
  });

  it('shows a filled value without an asset when the symbol says none', () => {
    expect(orderFields({ intentId: 'i', symbol: 'ODD', cummulativeQuoteQty: '5' })).toContainEqual({
      key: 'cummulativeQuoteQty',
      label: 'Filled value',
      value: '5',
    });
  });

  it('makes a label of an unknown camelCase name', () => {
    expect(labelOf('recvWindowMs')).toBe('Receive window (ms)');
    expect(labelOf('someNewThing2X')).toBe('Some new thing2 x');
  });
});
