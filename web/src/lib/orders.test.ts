import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '@livegate/contracts';
import { applyOrderEvent, orderHref, orderKeyOf, toOrderView } from './orders.js';

describe('toOrderView', () => {
  it('reads an execution.orders row as the gateway returns it (camelCase columns, numerics as strings)', () => {
    expect(
      toOrderView({
        intentId: 'i-1',
        mode: 'live',
        symbol: 'BTCUSDT',
        side: 'SELL',
        quantity: null,
        quoteOrderQty: '100.5',
        price: null,
        state: 'FILLED',
        lastExchangeStatus: 'FILLED',
        executedQty: '0.002',
        updatedAt: '2026-01-31T12:00:00.000Z',
        insertedAt: '2026-01-31T11:00:00.000Z',
      }),
    ).toEqual({
      intentId: 'i-1',
      mode: 'live',
      symbol: 'BTCUSDT',
      side: 'SELL',
      qty: '100.5 USDT (quote)',
      price: undefined,
      state: 'FILLED',
      exchangeStatus: 'FILLED',
      filled: '0.002',
      updatedAt: '2026-01-31T12:00:00.000Z',
    });
  });

  it('takes numbers as text and treats empty strings as unknown', () => {
    const view = toOrderView({ intentId: 'i-2', quantity: 3, price: '', attempts: 1 });
    expect(view.qty).toBe('3');
    expect(view.price).toBeUndefined();
    expect(view.mode).toBeUndefined();
  });
});

describe('the reject reason', () => {
  it('comes from the row’s reject code and from an order.rejected event; later events keep it', () => {
    expect(toOrderView({ intentId: 'i-3', state: 'REJECTED', rejectCode: 'HALTED' }).reason).toBe(
      'HALTED',
    );
    const rejected = applyOrderEvent(undefined, {
      type: 'order.rejected',
      eventId: 'e-1',
      intentId: 'i-4',
      source: 'momentum',
      mode: 'live',
      state: 'REJECTED',
      code: 'NOT_ARMED',
      message: 'live trading is not armed',
      at: '2026-01-31T12:00:00.000Z',
    } as OrderEvent);
    expect(rejected).toMatchObject({ state: 'REJECTED', reason: 'NOT_ARMED', mode: 'live' });
    const later = applyOrderEvent(rejected, {
      type: 'order.accepted',
      eventId: 'e-2',
      intentId: 'i-4',
      source: 'momentum',
      mode: 'live',
      state: 'REJECTED',
      at: '2026-01-31T12:00:01.000Z',
    } as OrderEvent);
    expect(later.reason).toBe('NOT_ARMED');
  });
});

describe('order keys and links', () => {
  it('tells two strategies with one intentId apart, and links with the source when known', () => {
    expect(orderKeyOf({ intentId: 'i-1', source: 'a' })).not.toBe(
      orderKeyOf({ intentId: 'i-1', source: 'b' }),
    );
    expect(orderHref({ intentId: 'i 1', source: 'a' })).toBe('/orders/i%201?source=a');
    expect(orderHref({ intentId: 'i-1', source: undefined })).toBe('/orders/i-1');
  });
});
