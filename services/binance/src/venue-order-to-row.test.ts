import { describe, expect, it } from 'vitest';
import type { VenueOrder } from './venue-order.js';
import { venueOrderToRow } from './venue-order-to-row.js';

const order: VenueOrder = {
  symbol: 'BTCUSDT',
  orderId: '42',
  clientOrderId: 'lg-x',
  price: '0.00000000',
  origQty: '0.00300000',
  executedQty: '0.00300000',
  cummulativeQuoteQty: '180.01000000',
  status: 'FILLED',
  timeInForce: 'GTC',
  type: 'MARKET',
  side: 'BUY',
  updatedAt: 1,
  fills: [],
};

describe('venueOrderToRow', () => {
  it('maps a filled order with its amounts and an average price to 8 decimals', () => {
    expect(venueOrderToRow(order)).toEqual({
      state: 'FILLED',
      exchange_order_id: '42',
      executed_qty: '0.00300000',
      cummulative_quote_qty: '180.01000000',
      avg_price: '60003.33333333',
      last_exchange_status: 'FILLED',
    });
  });

  it('has no average before a fill', () => {
    expect(
      venueOrderToRow({
        ...order,
        status: 'NEW',
        executedQty: '0.00000000',
        cummulativeQuoteQty: '0.00000000',
      }),
    ).toMatchObject({ state: 'NEW', avg_price: null, cummulative_quote_qty: '0.00000000' });
  });

  it('folds PENDING_NEW into NEW and EXPIRED_IN_MATCH into EXPIRED, keeping the venue status', () => {
    const cases = [
      ['PENDING_NEW', 'NEW'],
      ['PARTIALLY_FILLED', 'PARTIALLY_FILLED'],
      ['CANCELED', 'CANCELED'],
      ['PENDING_CANCEL', 'PENDING_CANCEL'],
      ['EXPIRED', 'EXPIRED'],
      ['EXPIRED_IN_MATCH', 'EXPIRED'],
    ] as const;
    for (const [status, state] of cases) {
      expect(venueOrderToRow({ ...order, status })).toMatchObject({
        state,
        last_exchange_status: status,
      });
    }
  });

  it('names a venue REJECTED status with EXCHANGE_REJECTED', () => {
    expect(venueOrderToRow({ ...order, status: 'REJECTED' })).toMatchObject({
      state: 'REJECTED',
      reject_code: 'EXCHANGE_REJECTED',
      reject_message: expect.stringContaining('REJECTED'),
    });
  });

  it('leaves an unavailable (negative) quote amount out and computes no average', () => {
    const row = venueOrderToRow({ ...order, cummulativeQuoteQty: '-1.00000000' });
    expect(row).not.toHaveProperty('cummulative_quote_qty');
    expect(row.avg_price).toBeNull();
  });
});
