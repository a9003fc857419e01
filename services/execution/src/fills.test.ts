import type { VenueOrder } from '@livegate/binance';
import { describe, expect, it } from 'vitest';
import { fillRowsOf } from './fills.js';

const order: VenueOrder = {
  symbol: 'BTCUSDT',
  orderId: '9',
  clientOrderId: 'lg-a',
  price: '0',
  origQty: '0.002',
  executedQty: '0.002',
  cummulativeQuoteQty: '120.02',
  status: 'FILLED',
  timeInForce: 'GTC',
  type: 'MARKET',
  side: 'BUY',
  updatedAt: Date.parse('2026-01-01T00:00:05Z'),
  fills: [
    {
      price: '60000.01',
      qty: '0.0015',
      commission: '0.0000015',
      commissionAsset: 'BTC',
      tradeId: '100',
    },
    {
      price: '60000',
      qty: '0.0005',
      commission: '0.0000005',
      commissionAsset: 'BTC',
      tradeId: '101',
    },
  ],
};
const row = { venue: 'live', symbol: 'BTCUSDT', source: 's', intent_id: 'i-1' };

describe('fillRowsOf', () => {
  it('keys each fill by venue, symbol and trade id, with its quote amount', () => {
    expect(fillRowsOf(row, order, 0)).toEqual([
      {
        venue: 'live',
        symbol: 'BTCUSDT',
        trade_id: '100',
        source: 's',
        intent_id: 'i-1',
        exchange_order_id: '9',
        price: '60000.01',
        qty: '0.0015',
        quote_qty: '90.000015',
        commission: '0.0000015',
        commission_asset: 'BTC',
        is_maker: false,
        traded_at: new Date('2026-01-01T00:00:05Z'),
      },
      expect.objectContaining({ trade_id: '101', quote_qty: '30' }),
    ]);
  });

  it('uses now when the answer has no time, and has no rows without fills', () => {
    expect(fillRowsOf(row, { ...order, updatedAt: undefined }, 42)[0]?.traded_at).toEqual(
      new Date(42),
    );
    expect(fillRowsOf(row, { ...order, fills: [] }, 0)).toEqual([]);
  });
});
