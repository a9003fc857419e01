import { orderEventSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { row, T0 } from '../test/fixtures.js';
import { eventFromRow } from './order-events.js';

const fill = {
  tradeId: '100',
  price: '50000',
  qty: '0.001',
  commission: '0.000001',
  commissionAsset: 'BTC',
};

describe('order-events', () => {
  it('builds a valid order.updated from the row, with the new fills', () => {
    const event = eventFromRow(
      row({ state: 'PARTIALLY_FILLED', executed_qty: '0.001', avg_price: '50000' }),
      { type: 'order.updated' },
      T0,
      [fill],
    );
    expect(orderEventSchema.parse(event)).toEqual({
      type: 'order.updated',
      eventId: event.eventId,
      intentId: 'i-1',
      clientOrderId: row().client_order_id,
      mode: 'paper',
      venue: 'paper',
      state: 'PARTIALLY_FILLED',
      at: '2026-03-02T09:00:00.000Z',
      exchangeOrderId: '7',
      exchangeStatus: 'NEW',
      executedQty: '0.001',
      cummulativeQuoteQty: '0',
      avgPrice: '50000',
      fills: [fill],
    });
  });

  it('leaves out fields the row does not know', () => {
    const event = eventFromRow(
      row({ exchange_order_id: null, last_exchange_status: null }),
      { type: 'order.updated' },
      T0,
    );
    expect(event).not.toHaveProperty('exchangeOrderId');
    expect(event).not.toHaveProperty('exchangeStatus');
    expect(event).not.toHaveProperty('avgPrice');
    expect(event).not.toHaveProperty('fills');
  });

  it('builds submitted, canceled, unknown and rejected events', () => {
    const types = [
      eventFromRow(row(), { type: 'order.submitted' }, T0),
      eventFromRow(row({ state: 'CANCELED' }), { type: 'order.canceled' }, T0),
      eventFromRow(row({ state: 'UNKNOWN' }), { type: 'order.unknown', message: 'lost' }, T0),
      eventFromRow(
        row({ state: 'NOT_PLACED' }),
        { type: 'order.rejected', code: 'NOT_PLACED', message: 'not placed' },
        T0,
      ),
      eventFromRow(
        row({ state: 'REJECTED' }),
        { type: 'order.rejected', code: 'NOT_PLACED', message: 'stale' },
        T0,
      ),
    ].map((e) => orderEventSchema.parse(e));
    expect(types.map((e) => [e.type, e.state])).toEqual([
      ['order.submitted', 'NEW'],
      ['order.canceled', 'CANCELED'],
      ['order.unknown', 'UNKNOWN'],
      ['order.rejected', 'NOT_PLACED'],
      ['order.rejected', 'REJECTED'],
    ]);
    expect(types[2]).toMatchObject({ message: 'lost' });
    expect(types[3]).toMatchObject({ code: 'NOT_PLACED', message: 'not placed' });
  });
});
