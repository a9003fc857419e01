import { orderEventSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import {
  EXCHANGE_REJECTED_MESSAGE,
  eventStamp,
  orderEventFromRow,
  venueChangeSpec,
  type OrderEventRow,
} from './order-event.js';

const s = { eventId: 'e1', at: '2026-01-01T00:00:01.000Z' };
const valid = (e: unknown) => orderEventSchema.parse(e);

function orderRow(patch: Partial<OrderEventRow> = {}): OrderEventRow {
  return {
    intent_id: 'i-1',
    source: 'momentum',
    client_order_id: 'lg-abc',
    mode: 'paper',
    venue: 'paper',
    state: 'NEW',
    exchange_order_id: '7',
    last_exchange_status: 'NEW',
    executed_qty: '0',
    cummulative_quote_qty: '0',
    avg_price: null,
    ...patch,
  };
}

const common = {
  eventId: 'e1',
  intentId: 'i-1',
  source: 'momentum',
  clientOrderId: 'lg-abc',
  mode: 'paper',
  venue: 'paper',
  at: s.at,
};

const fill = {
  tradeId: '100',
  price: '50000',
  qty: '0.001',
  commission: '0.000001',
  commissionAsset: 'BTC',
};

describe('eventStamp', () => {
  it('stamps a fresh id and the time', () => {
    const a = eventStamp(Date.parse(s.at));
    expect(a.at).toBe(s.at);
    expect(a.eventId).not.toBe(eventStamp(0).eventId);
  });
});

describe('orderEventFromRow', () => {
  it('builds every type from the row, valid against the contract', () => {
    const row = orderRow({
      avg_price: '50000',
      executed_qty: '0.001',
      cummulative_quote_qty: '50',
    });
    const exchange = {
      exchangeOrderId: '7',
      exchangeStatus: 'NEW',
      executedQty: '0.001',
      cummulativeQuoteQty: '50',
      avgPrice: '50000',
    };
    expect(
      valid(orderEventFromRow(orderRow({ state: 'SUBMITTING' }), { type: 'order.accepted' }, s)),
    ).toEqual({ type: 'order.accepted', ...common, state: 'SUBMITTING' });
    expect(valid(orderEventFromRow(row, { type: 'order.submitted' }, s))).toEqual({
      type: 'order.submitted',
      ...common,
      state: 'NEW',
      ...exchange,
    });
    expect(valid(orderEventFromRow(row, { type: 'order.updated' }, s))).toEqual({
      type: 'order.updated',
      ...common,
      state: 'NEW',
      ...exchange,
    });
    expect(
      valid(orderEventFromRow({ ...row, state: 'CANCELED' }, { type: 'order.canceled' }, s)),
    ).toEqual({ type: 'order.canceled', ...common, state: 'CANCELED', ...exchange });
    expect(
      valid(
        orderEventFromRow(
          orderRow({ state: 'UNKNOWN' }),
          { type: 'order.unknown', message: 'lost' },
          s,
        ),
      ),
    ).toEqual({ type: 'order.unknown', ...common, state: 'UNKNOWN', message: 'lost' });
  });

  it('carries the new fills on order.updated only', () => {
    const row = orderRow({ state: 'PARTIALLY_FILLED', executed_qty: '0.001', avg_price: '50000' });
    expect(valid(orderEventFromRow(row, { type: 'order.updated' }, s, [fill]))).toEqual({
      type: 'order.updated',
      ...common,
      state: 'PARTIALLY_FILLED',
      exchangeOrderId: '7',
      exchangeStatus: 'NEW',
      executedQty: '0.001',
      cummulativeQuoteQty: '0',
      avgPrice: '50000',
      fills: [fill],
    });
    expect(orderEventFromRow(row, { type: 'order.submitted' }, s, [fill])).not.toHaveProperty(
      'fills',
    );
  });

  it('leaves out exchange fields the row does not have, and fills when there are none', () => {
    const updated = orderEventFromRow(
      orderRow({ exchange_order_id: null, last_exchange_status: null }),
      { type: 'order.updated' },
      s,
    );
    for (const field of ['exchangeOrderId', 'exchangeStatus', 'avgPrice', 'fills'])
      expect(updated).not.toHaveProperty(field);
    const rejected = orderEventFromRow(
      orderRow({ state: 'REJECTED', exchange_order_id: null, last_exchange_status: null }),
      { type: 'order.rejected', code: 'LOT_SIZE', message: 'bad step' },
      s,
    );
    expect(valid(rejected)).toEqual({
      type: 'order.rejected',
      ...common,
      state: 'REJECTED',
      code: 'LOT_SIZE',
      message: 'bad step',
      executedQty: '0',
      cummulativeQuoteQty: '0',
    });
  });

  it('rejects as NOT_PLACED only a NOT_PLACED row, and keeps the details', () => {
    const rejected = (state: OrderEventRow['state'], details?: Record<string, unknown>) =>
      valid(
        orderEventFromRow(
          orderRow({ state }),
          {
            type: 'order.rejected',
            code: 'NOT_PLACED',
            message: 'not placed',
            ...(details !== undefined && { details }),
          },
          s,
        ),
      );
    expect(rejected('NOT_PLACED', { exchangeCode: -2010 })).toMatchObject({
      state: 'NOT_PLACED',
      code: 'NOT_PLACED',
      message: 'not placed',
      details: { exchangeCode: -2010 },
    });
    expect(rejected('REJECTED')).toMatchObject({ state: 'REJECTED', code: 'NOT_PLACED' });
    expect(rejected('REJECTED')).not.toHaveProperty('details');
  });
});

describe('venueChangeSpec', () => {
  const before = (state: OrderEventRow['state'], exchangeOrderId: string | null = null) => ({
    state,
    exchange_order_id: exchangeOrderId,
  });

  it('names REJECTED and CANCELED by their own events', () => {
    expect(venueChangeSpec(before('NEW', '7'), 'REJECTED')).toEqual({
      type: 'order.rejected',
      code: 'EXCHANGE_REJECTED',
      message: EXCHANGE_REJECTED_MESSAGE,
    });
    expect(venueChangeSpec(before('NEW', '7'), 'REJECTED', 'why')).toMatchObject({
      message: 'why',
    });
    expect(venueChangeSpec(before('PENDING_CANCEL', '7'), 'CANCELED')).toEqual({
      type: 'order.canceled',
    });
  });

  it('is order.submitted only for the first report of a placement unresolved here', () => {
    expect(venueChangeSpec(before('SUBMITTING'), 'NEW')).toEqual({ type: 'order.submitted' });
    expect(venueChangeSpec(before('UNKNOWN'), 'FILLED')).toEqual({ type: 'order.submitted' });
    expect(venueChangeSpec(before('UNKNOWN', '7'), 'NEW')).toEqual({ type: 'order.updated' });
    expect(venueChangeSpec(before('NEW', '7'), 'FILLED')).toEqual({ type: 'order.updated' });
    expect(venueChangeSpec(before('NEW'), 'PARTIALLY_FILLED')).toEqual({ type: 'order.updated' });
  });
});
