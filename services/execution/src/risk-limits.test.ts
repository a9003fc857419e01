import { describe, expect, it } from 'vitest';
import {
  NO_COUNTS,
  riskBreach,
  riskNeeds,
  type LimitInForce,
  type RiskCounts,
  type RiskOrder,
} from './risk-limits.js';

const order = (patch: Partial<RiskOrder> = {}): RiskOrder => ({
  venue: 'paper',
  source: 'alpha',
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.01',
  price: '60000',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  referencePrice: '60000',
  ...patch,
});
const limit = (kind: LimitInForce['kind'], value: string, asset: string | null = null) => ({
  kind,
  value,
  asset,
});
const counts = (patch: Partial<RiskCounts> = {}): RiskCounts => ({ ...NO_COUNTS, ...patch });

describe('risk limits - what a limit needs', () => {
  it('asks for counts, the lock and the reference price only for the limits in force', () => {
    expect(riskNeeds([])).toEqual({
      referencePrice: false,
      lock: false,
      openOrders: false,
      sentLastSecond: false,
      position: false,
    });
    expect(riskNeeds([limit('max_open_orders', '1'), limit('max_position', '1', 'BTC')])).toEqual({
      referencePrice: true,
      lock: true,
      openOrders: true,
      sentLastSecond: false,
      position: true,
    });
    expect(riskNeeds([limit('max_orders_per_second', '1')])).toMatchObject({
      lock: true,
      sentLastSecond: true,
      referencePrice: false,
    });
    expect(riskNeeds([limit('price_collar_pct', '5')])).toMatchObject({
      referencePrice: true,
      lock: false,
    });
    expect(riskNeeds([limit('max_order_notional', '5', 'USDT')])).toMatchObject({
      referencePrice: false,
      lock: false,
    });
  });
});

describe('risk limits - the decision', () => {
  it('passes without limits and within every limit', () => {
    expect(riskBreach([], order(), counts())).toBeUndefined();
    const all = [
      limit('max_order_notional', '600', 'USDT'),
      limit('max_open_orders', '2'),
      limit('max_orders_per_second', '2'),
      limit('price_collar_pct', '5'),
      limit('max_position', '1', 'BTC'),
      limit('pause_after_breaches', '1'),
    ];
    expect(
      riskBreach(all, order(), counts({ openOrders: 1, sentLastSecond: 1, filled: '0.99' })),
    ).toBeUndefined();
  });

  it('max_order_notional: the value in the quote asset; another quote asset is not limited', () => {
    const l = [limit('max_order_notional', '500', 'USDT')];
    expect(riskBreach(l, order(), counts())).toEqual({
      limit: 'max_order_notional',
      message:
        "Risk limit max_order_notional breached: the order's value 600 USDT is above the limit of 500 USDT for strategy alpha on paper. Nothing was sent.",
      details: { limit: 'max_order_notional', asset: 'USDT', value: '500', actual: '600' },
    });
    expect(
      riskBreach(l, order({ type: 'MARKET', price: undefined, referencePrice: '40000' }), counts()),
    ).toBeUndefined();
    expect(
      riskBreach(
        l,
        order({ type: 'MARKET', price: undefined, quantity: undefined, quoteOrderQty: '501' }),
        counts(),
      ),
    ).toMatchObject({ details: { actual: '501' } });
    expect(riskBreach(l, order({ quoteAsset: 'FDUSD' }), counts())).toBeUndefined();
  });

  it('a venue default says so in the sentence and the details', () => {
    const l = [{ ...limit('max_open_orders', '2'), byDefault: true }];
    expect(riskBreach(l, order({ venue: 'live' }), counts({ openOrders: 2 }))).toEqual({
      limit: 'max_open_orders',
      message:
        'Risk limit max_open_orders breached: 2 orders of strategy alpha are open on live and the limit is 2. The limit is the live default for every strategy without its own. Nothing was sent.',
      details: { limit: 'max_open_orders', value: '2', actual: '2', source: '*' },
    });
    expect(riskBreach(l, order(), counts({ openOrders: 1 }))).toBeUndefined();
  });

  it('price_collar_pct: a price further than the percentage from the reference price', () => {
    const l = [limit('price_collar_pct', '5')];
    expect(riskBreach(l, order({ price: '63000' }), counts())).toBeUndefined();
    expect(riskBreach(l, order({ price: '54000' }), counts())).toEqual({
      limit: 'price_collar_pct',
      message:
        'Risk limit price_collar_pct breached: the price 54000 is 10% from the reference price 60000, the collar is 5% for strategy alpha on paper. Nothing was sent.',
      details: {
        limit: 'price_collar_pct',
        value: '5',
        actual: '10',
        price: '54000',
        referencePrice: '60000',
      },
    });
    expect(riskBreach(l, order({ type: 'MARKET', price: undefined }), counts())).toBeUndefined();
  });

  it('max_open_orders and max_orders_per_second count this order too', () => {
    expect(
      riskBreach([limit('max_open_orders', '2')], order(), counts({ openOrders: 2 })),
    ).toMatchObject({
      limit: 'max_open_orders',
      message:
        'Risk limit max_open_orders breached: 2 orders of strategy alpha are open on paper and the limit is 2. Nothing was sent.',
      details: { limit: 'max_open_orders', value: '2', actual: '2' },
    });
    expect(
      riskBreach([limit('max_orders_per_second', '3')], order(), counts({ sentLastSecond: 3 })),
    ).toMatchObject({
      limit: 'max_orders_per_second',
      message:
        'Risk limit max_orders_per_second breached: 3 orders of strategy alpha were sent on paper in the last second and the limit is 3 per second. Nothing was sent.',
    });
  });

  it('max_position: fills plus open orders on the side plus this order, reducing orders pass', () => {
    const l = [limit('max_position', '1', 'BTC')];
    expect(
      riskBreach(l, order({ quantity: '0.5' }), counts({ filled: '0.4', openSameSide: '0.2' })),
    ).toEqual({
      limit: 'max_position',
      message:
        'Risk limit max_position breached: the BTC position of strategy alpha on paper would be 1.1 (filled 0.4, open 0.2, this order 0.5) and the limit is 1. Nothing was sent.',
      details: { limit: 'max_position', asset: 'BTC', value: '1', actual: '1.1' },
    });
    expect(
      riskBreach(l, order({ side: 'SELL', quantity: '0.5' }), counts({ filled: '3' })),
    ).toBeUndefined();
    expect(
      riskBreach(
        l,
        order({ side: 'SELL', quantity: '0.8' }),
        counts({ filled: '0', openSameSide: '0.3' }),
      ),
    ).toMatchObject({ details: { actual: '-1.1' } });
    expect(
      riskBreach(
        l,
        order({ type: 'MARKET', price: undefined, quantity: undefined, quoteOrderQty: '90000' }),
        counts(),
      ),
    ).toMatchObject({ details: { actual: '1.5' } });
    expect(riskBreach(l, order({ baseAsset: 'ETH' }), counts({ filled: '5' }))).toBeUndefined();
  });

  it('fails closed when a limit needs the reference price and it was not read', () => {
    const missing = {
      message:
        "Risk limit price_collar_pct could not be checked: the venue's reference price was not read for this order (the limit was set while it was being checked). Nothing was sent; send the intent again.",
    };
    expect(
      riskBreach([limit('price_collar_pct', '5')], order({ referencePrice: undefined }), counts()),
    ).toMatchObject({ limit: 'price_collar_pct', ...missing });
    expect(
      riskBreach(
        [limit('max_position', '5', 'BTC')],
        order({
          type: 'MARKET',
          price: undefined,
          quantity: undefined,
          quoteOrderQty: '10',
          referencePrice: undefined,
        }),
        counts(),
      ),
    ).toMatchObject({ limit: 'max_position' });
    expect(
      riskBreach(
        [limit('max_order_notional', '5', 'USDT')],
        order({ type: 'MARKET', price: undefined, referencePrice: undefined }),
        counts(),
      ),
    ).toMatchObject({ limit: 'max_order_notional' });
  });
});
