import { orderEventSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { eventFromRow, outcomeSpecOf, refusalEvent, settledSpec, stamp } from './order-events.js';
import { orderRow } from './test-rows.test-support.js';

const s = { eventId: 'e1', at: '2026-01-01T00:00:01.000Z' };
const valid = (e: unknown) => orderEventSchema.parse(e);

describe('order events', () => {
  it('stamps a fresh id and the time', () => {
    const a = stamp(Date.parse(s.at));
    expect(a.at).toBe(s.at);
    expect(a.eventId).not.toBe(stamp(0).eventId);
  });

  it('builds every type from the row, valid against the contract', () => {
    const row = orderRow({
      avg_price: '50000',
      executed_qty: '0.001',
      cummulative_quote_qty: '50',
    });
    const common = {
      eventId: 'e1',
      intentId: 'i-1',
      clientOrderId: 'lg-abc',
      mode: 'paper',
      venue: 'paper',
      at: s.at,
    };
    const exchange = {
      exchangeOrderId: '7',
      exchangeStatus: 'NEW',
      executedQty: '0.001',
      cummulativeQuoteQty: '50',
      avgPrice: '50000',
    };
    expect(
      valid(eventFromRow(orderRow({ state: 'SUBMITTING' }), { type: 'order.accepted' }, s)),
    ).toEqual({ type: 'order.accepted', ...common, state: 'SUBMITTING' });
    expect(valid(eventFromRow(row, { type: 'order.submitted' }, s))).toEqual({
      type: 'order.submitted',
      ...common,
      state: 'NEW',
      ...exchange,
    });
    expect(valid(eventFromRow(row, { type: 'order.updated' }, s))).toEqual({
      type: 'order.updated',
      ...common,
      state: 'NEW',
      ...exchange,
    });
    expect(
      valid(eventFromRow({ ...row, state: 'CANCELED' }, { type: 'order.canceled' }, s)),
    ).toMatchObject({ type: 'order.canceled', state: 'CANCELED' });
    expect(
      valid(
        eventFromRow(orderRow({ state: 'UNKNOWN' }), { type: 'order.unknown', message: 'lost' }, s),
      ),
    ).toMatchObject({ type: 'order.unknown', state: 'UNKNOWN', message: 'lost' });
  });

  it('leaves out exchange fields the row does not have', () => {
    const e = eventFromRow(
      orderRow({ state: 'REJECTED', exchange_order_id: null, last_exchange_status: null }),
      { type: 'order.rejected', code: 'LOT_SIZE', message: 'bad step' },
      s,
    );
    expect(valid(e)).toEqual({
      type: 'order.rejected',
      eventId: 'e1',
      intentId: 'i-1',
      clientOrderId: 'lg-abc',
      mode: 'paper',
      venue: 'paper',
      at: s.at,
      state: 'REJECTED',
      code: 'LOT_SIZE',
      message: 'bad step',
      executedQty: '0',
      cummulativeQuoteQty: '0',
    });
    const withDetails = eventFromRow(
      orderRow({ state: 'NOT_PLACED' }),
      {
        type: 'order.rejected',
        code: 'EXCHANGE_REJECTED',
        message: 'no',
        details: { exchangeCode: -2010 },
      },
      s,
    );
    expect(valid(withDetails)).toMatchObject({
      state: 'NOT_PLACED',
      details: { exchangeCode: -2010 },
    });
  });

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
          { intentId: 'x', mode: 'live', code: 'IDEMPOTENCY_KEY_REUSED', message: 'reused' },
          s,
        ),
      ),
    ).toEqual({
      type: 'order.rejected',
      eventId: 'e1',
      at: s.at,
      state: 'REJECTED',
      intentId: 'x',
      mode: 'live',
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'reused',
    });
  });
});
