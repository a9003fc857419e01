import { describe, expect, it } from 'vitest';
import { parseResult } from './issues.js';
import { ORDER_EVENT_TYPES, orderEventSchema, type OrderEvent } from './order-event.js';

const base = {
  eventId: '0b9f7c1e-6a4d-4f7e-9b1a-2c3d4e5f6a7b',
  intentId: 'strat1-0001',
  source: 'strat1',
  clientOrderId: 'lg_3f2a9c',
  mode: 'live',
  venue: 'binance',
  at: '2026-01-31T12:00:00.123Z',
} as const;

const issuesOf = (value: unknown) => {
  const result = parseResult(orderEventSchema, value);
  return result.ok ? [] : result.issues;
};

describe('orderEventSchema', () => {
  it('has the six event types', () => {
    expect(ORDER_EVENT_TYPES).toEqual([
      'order.accepted',
      'order.submitted',
      'order.rejected',
      'order.unknown',
      'order.updated',
      'order.canceled',
    ]);
  });

  it('accepts each kind of event', () => {
    const events: OrderEvent[] = [
      { ...base, type: 'order.accepted', state: 'SUBMITTING' },
      {
        ...base,
        type: 'order.submitted',
        state: 'NEW',
        exchangeOrderId: '28457',
        exchangeStatus: 'NEW',
        executedQty: '0.00000000',
        cummulativeQuoteQty: '0.00000000',
      },
      {
        ...base,
        type: 'order.rejected',
        state: 'REJECTED',
        code: 'MIN_NOTIONAL',
        message: 'Notional 4.2 is below 5.',
      },
      {
        ...base,
        type: 'order.rejected',
        state: 'NOT_PLACED',
        code: 'NOT_PLACED',
        message: 'Lookup found no order.',
      },
      { ...base, type: 'order.unknown', state: 'UNKNOWN', message: 'Timed out after 10000 ms.' },
      {
        ...base,
        type: 'order.updated',
        state: 'FILLED',
        avgPrice: '65000.5',
        fills: [
          {
            tradeId: '12',
            price: '65000.5',
            qty: '0.01',
            commission: '0.00001',
            commissionAsset: 'BTC',
          },
        ],
      },
      { ...base, type: 'order.canceled', state: 'CANCELED', exchangeStatus: 'CANCELED' },
    ];
    for (const event of events) expect(orderEventSchema.parse(event)).toEqual(event);
  });

  it('requires the source, which names its subject', () => {
    const { source: _source, ...bare } = { ...base, type: 'order.accepted', state: 'SUBMITTING' };
    expect(issuesOf(bare)).toEqual(['source: required']);
  });

  it('accepts an event without the optional ids (a refused intent never got a client order id)', () => {
    expect(
      issuesOf({
        type: 'order.rejected',
        eventId: 'e1',
        intentId: 'i1',
        source: 's1',
        mode: 'paper',
        state: 'REJECTED',
        code: 'INVALID_INTENT',
        message: 'The intent is invalid.',
        details: { issues: ['symbol: required'] },
        at: base.at,
      }),
    ).toEqual([]);
  });

  it('refuses an unknown type with the allowed list', () => {
    expect(issuesOf({ ...base, type: 'order.filled', state: 'FILLED' })).toEqual([
      "type: Invalid discriminator value. Expected 'order.accepted' | 'order.submitted' | 'order.rejected' | 'order.unknown' | 'order.updated' | 'order.canceled'",
    ]);
  });

  it('refuses a rejection without a code or in a non-rejected state', () => {
    expect(issuesOf({ ...base, type: 'order.rejected', state: 'FILLED', message: 'x' })).toEqual([
      'state: Invalid option: expected one of "REJECTED"|"NOT_PLACED"',
      'code: required',
    ]);
  });

  it('refuses exchange ids as numbers and amounts that are not decimal strings', () => {
    expect(
      issuesOf({
        ...base,
        type: 'order.updated',
        state: 'PARTIALLY_FILLED',
        exchangeOrderId: 28457,
        fills: [
          { tradeId: 'abc', price: '1e3', qty: '1', commission: '0', commissionAsset: 'bnb' },
        ],
      }),
    ).toEqual([
      'exchangeOrderId: Invalid input: expected string, received number',
      'fills.0.tradeId: must be 1 to 20 digits (an exchange id as a string)',
      'fills.0.price: must not use exponent notation',
      'fills.0.commissionAsset: must be 1 to 20 uppercase letters or digits',
    ]);
  });

  it('refuses malformed common fields', () => {
    expect(
      issuesOf({
        ...base,
        type: 'order.unknown',
        state: 'NEW',
        clientOrderId: 'x'.repeat(37),
        venue: 'a b',
        exchangeStatus: 'new',
      }),
    ).toEqual([
      'clientOrderId: must be 1 to 36 characters of A-Z, a-z, 0-9, "_" or "-"',
      'venue: must be 1 to 64 characters of A-Z, a-z, 0-9, "_", ".", ":" or "-"',
      'state: Invalid input: expected "UNKNOWN"',
    ]);
  });

  it('refuses a bad exchange status', () => {
    expect(
      issuesOf({ ...base, type: 'order.canceled', state: 'CANCELED', exchangeStatus: 'canceled' }),
    ).toEqual(['exchangeStatus: must be an exchange status such as "FILLED"']);
  });
});
