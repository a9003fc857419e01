import { describe, expect, it } from 'vitest';
import { Dec } from './decimal.js';
import { DEFAULT_SYMBOLS } from './symbols.js';
import { unitSim } from '../test/unit-sim.js';

const limitBuy = (price: string, quantity: string, extra: Record<string, string> = {}) => ({
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  price,
  quantity,
  ...extra,
});
const limitSell = (price: string, quantity: string, extra: Record<string, string> = {}) => ({
  ...limitBuy(price, quantity, extra),
  side: 'SELL',
});

describe('resting limit orders', () => {
  it('rests a non-marketable buy, locking price × qty of the quote asset, and releases it on cancel', () => {
    const sim = unitSim();
    const { order, fills } = sim.placed(limitBuy('59000', '0.5'));
    expect(fills).toEqual([]);
    expect(order).toMatchObject({ status: 'NEW', orderId: 10001, timeInForce: 'GTC' });
    expect(order.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(sim.balance('USDT')).toEqual({ free: '70500', locked: '29500' });
    sim.engine.cancel(order, 'cancel-1');
    expect(order).toMatchObject({ status: 'CANCELED', cancelClientOrderId: 'cancel-1' });
    expect(sim.balance('USDT')).toEqual({ free: '100000', locked: '0' });
  });

  it('fills a resting sell at its own price as maker when the last price reaches it', () => {
    const sim = unitSim();
    const { order } = sim.placed(limitSell('61000', '1'));
    expect(sim.balance('BTC')).toEqual({ free: '1', locked: '1' });
    expect(sim.engine.setPrice('BTCUSDT', new Dec('60999.99'))).toEqual([]);
    sim.time.now += 5;
    expect(sim.engine.setPrice('BTCUSDT', new Dec('61500'))).toEqual([order.orderId]);
    expect(order).toMatchObject({ status: 'FILLED', updateTime: sim.time.now });
    expect(order.cummulativeQuoteQty.toString()).toBe('61000');
    expect(sim.balance('BTC')).toEqual({ free: '1', locked: '0' });
    // 61000 − 0.1 % maker commission in the quote asset received
    expect(sim.balance('USDT')).toEqual({ free: '160939', locked: '0' });
    const [trade] = sim.state.orders.trades('KEY1', 'BTCUSDT');
    expect(trade).toMatchObject({
      orderId: order.orderId,
      isMaker: true,
      isBuyer: false,
      commissionAsset: 'USDT',
    });
    expect(trade?.commission.toString()).toBe('61');
  });

  it('fills a resting buy when the price falls to it, never fills orders of another symbol', () => {
    const sim = unitSim();
    const { order } = sim.placed(limitBuy('59000', '0.1'));
    const eth = sim.placed({ ...limitBuy('2900', '1'), symbol: 'ETHUSDT' });
    expect(sim.engine.setPrice('BTCUSDT', new Dec('58000'))).toEqual([order.orderId]);
    expect(eth.order.status).toBe('NEW');
    expect(sim.balance('BTC').free).toBe('2.0999');
  });

  it('partially fills, releasing locked funds in proportion, then completes exactly', () => {
    const sim = unitSim();
    const { order } = sim.placed(limitBuy('59000', '0.3'));
    const fill = sim.engine.fillResting(order, new Dec('0.1'));
    expect(fill).toMatchObject({ commissionAsset: 'BTC', tradeId: 50001 });
    expect(fill.commission.toString()).toBe('0.0001');
    expect(order.status).toBe('PARTIALLY_FILLED');
    expect(sim.balance('USDT')).toEqual({ free: '82300', locked: '11800' });
    sim.engine.fillResting(order, new Dec('0.2'));
    expect(order.status).toBe('FILLED');
    expect(order.locked.toString()).toBe('0');
    expect(sim.balance('USDT')).toEqual({ free: '82300', locked: '0' });
    expect(sim.balance('BTC').free).toBe('2.2997');
  });

  it('expires an open order, releasing its funds', () => {
    const sim = unitSim();
    const { order } = sim.placed(limitSell('70000', '0.5'));
    sim.engine.expire(order);
    expect(order.status).toBe('EXPIRED');
    expect(order.cancelClientOrderId).toBeUndefined();
    expect(sim.balance('BTC')).toEqual({ free: '2', locked: '0' });
  });
});

describe('marketable orders', () => {
  it('fills a marketable limit buy at the last price as taker and returns the price difference', () => {
    const sim = unitSim();
    const { order, fills } = sim.placed(limitBuy('61000', '0.5'));
    expect(order.status).toBe('FILLED');
    expect(fills).toHaveLength(1);
    expect(fills[0]?.price.toString()).toBe('60000');
    // 0.2 % taker commission, in BTC (the asset received)
    expect(fills[0]?.commission.toString()).toBe('0.001');
    expect(sim.balance('USDT')).toEqual({ free: '70000', locked: '0' });
    expect(sim.balance('BTC')).toEqual({ free: '2.499', locked: '0' });
  });

  it('fills a MARKET sell by quantity at the last price', () => {
    const sim = unitSim();
    const { order, fills } = sim.placed({ side: 'SELL', type: 'MARKET', quantity: '1' });
    expect(order).toMatchObject({ status: 'FILLED', type: 'MARKET', timeInForce: 'GTC' });
    expect(order.price.toString()).toBe('0');
    expect(fills[0]?.commission.toString()).toBe('120');
    expect(sim.balance('USDT').free).toBe('159880');
  });

  it('sizes a MARKET buy by quoteOrderQty down to the lot step', () => {
    const sim = unitSim();
    const { order } = sim.placed({ side: 'BUY', type: 'MARKET', quoteOrderQty: '1000' });
    expect(order.origQty.toString()).toBe('0.01666');
    expect(order.origQuoteOrderQty.toString()).toBe('1000');
    expect(order.cummulativeQuoteQty.toString()).toBe('999.6');
    expect(sim.balance('USDT')).toEqual({ free: '99000.4', locked: '0' });
  });

  it('rounds commission up at 8 decimals', () => {
    const sim = unitSim({ takerRate: '0.00075' });
    const { fills } = sim.placed({ side: 'BUY', type: 'MARKET', quantity: '0.00013' });
    expect(fills[0]?.commission.toString()).toBe('0.0000001');
  });

  it('expires IOC and FOK orders that cannot trade at once', () => {
    const sim = unitSim();
    for (const tif of ['IOC', 'FOK']) {
      const { order, fills } = sim.placed(limitBuy('50000', '0.1', { timeInForce: tif }));
      expect({ status: order.status, fills }).toEqual({ status: 'EXPIRED', fills: [] });
    }
    expect(sim.balance('USDT')).toEqual({ free: '100000', locked: '0' });
  });
});

describe('acceptance rules', () => {
  it('refuses a LIMIT_MAKER that would take, and rests one that would not', () => {
    const sim = unitSim();
    const maker = (price: string) => ({ side: 'BUY', type: 'LIMIT_MAKER', price, quantity: '0.1' });
    expect(sim.place(maker('60000'))).toEqual({
      ok: false,
      error: { status: 400, code: -2010, msg: 'Order would immediately match and take.' },
    });
    expect(sim.placed(maker('59999.99')).order.status).toBe('NEW');
  });

  it('refuses an order the free balance cannot cover with -2010 and stores nothing', () => {
    const sim = unitSim({ balances: { USDT: '100' } });
    expect(sim.place(limitBuy('50000', '0.1'))).toEqual({
      ok: false,
      error: {
        status: 400,
        code: -2010,
        msg: 'Account has insufficient balance for requested action.',
      },
    });
    expect(sim.place({ side: 'SELL', type: 'MARKET', quantity: '0.1' }).ok).toBe(false);
    expect(sim.state.orders.list()).toEqual([]);
  });

  it('refuses a client order id in use by an OPEN order, and accepts it again once that order is done', () => {
    const sim = unitSim();
    const first = sim.placed(limitBuy('59000', '0.1', { newClientOrderId: 'intent-1' }));
    expect(sim.place(limitBuy('59000', '0.1', { newClientOrderId: 'intent-1' }))).toEqual({
      ok: false,
      error: { status: 400, code: -2010, msg: 'Duplicate order sent.' },
    });
    expect(
      sim.placed({ ...limitBuy('2000', '1', { newClientOrderId: 'intent-1' }), symbol: 'ETHUSDT' })
        .order.status,
    ).toBe('NEW');
    sim.engine.cancel(first.order, 'c1');
    const second = sim.placed({
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.1',
      newClientOrderId: 'intent-1',
    });
    expect(second.order.status).toBe('FILLED');
    // the trap: a filled order's id is free again, so a resend trades twice
    const third = sim.placed({
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.1',
      newClientOrderId: 'intent-1',
    });
    expect(third.order.orderId).toBeGreaterThan(second.order.orderId);
    expect(third.order.status).toBe('FILLED');
  });

  it('applies MAX_NUM_ORDERS to the open orders of the account on the symbol', () => {
    const spec = { ...(DEFAULT_SYMBOLS[0] as (typeof DEFAULT_SYMBOLS)[number]), maxNumOrders: 2 };
    const sim = unitSim({ symbols: [spec] });
    sim.placed(limitBuy('50000', '0.1'));
    const second = sim.placed(limitBuy('50000', '0.1'));
    expect(sim.place(limitBuy('50000', '0.1'))).toEqual({
      ok: false,
      error: { status: 400, code: -1013, msg: 'Filter failure: MAX_NUM_ORDERS' },
    });
    sim.engine.cancel(second.order, 'c2');
    expect(sim.place(limitBuy('50000', '0.1')).ok).toBe(true);
  });

  it('runs the filters before anything else, also for /order/test', () => {
    const sim = unitSim({ balances: {} });
    expect(sim.engine.check(sim.request(limitBuy('60000.001', '1')))).toEqual({
      ok: false,
      error: { status: 400, code: -1013, msg: 'Filter failure: PRICE_FILTER' },
    });
    expect(sim.engine.check(sim.request(limitBuy('60000', '1')))).toEqual({
      ok: true,
      value: true,
    });
    expect(sim.place({ side: 'BUY', type: 'MARKET', quoteOrderQty: '0.5' })).toMatchObject({
      ok: false,
      error: { code: -1013, msg: 'Filter failure: LOT_SIZE' },
    });
  });

  it('gives one unit of the order count back on the first fill only', () => {
    const sim = unitSim();
    sim.state.rateLimiter.admitOrder('KEY1');
    sim.state.rateLimiter.admitOrder('KEY1');
    const { order } = sim.placed(limitBuy('59000', '0.2'));
    sim.engine.fillResting(order, new Dec('0.1'));
    sim.engine.fillResting(order, new Dec('0.1'));
    expect(sim.state.rateLimiter.orderCounts('KEY1').tenSeconds).toBe(1);
  });
});

describe('limited liquidity (per taker order)', () => {
  function thin(maxQty: string) {
    const sim = unitSim();
    sim.state.prices.setDepth('BTCUSDT', new Dec(maxQty));
    return sim;
  }

  it('expires the rest of a MARKET order part-filled, releasing what it did not spend', () => {
    const sim = thin('0.3');
    const { order, fills } = sim.placed({ side: 'BUY', type: 'MARKET', quantity: '0.5' });
    expect(order.status).toBe('EXPIRED');
    expect(order.executedQty.toString()).toBe('0.3');
    expect(fills.map((f) => f.qty.toString())).toEqual(['0.3']);
    expect(sim.balance('USDT')).toEqual({ free: '82000', locked: '0' });
  });

  it('refuses a MARKET order when the depth is below the LOT_SIZE minimum', () => {
    const sim = thin('0');
    expect(sim.place({ side: 'SELL', type: 'MARKET', quantity: '0.5' })).toEqual({
      ok: false,
      error: {
        status: 400,
        code: -2010,
        msg: 'Order book liquidity is less than LOT_SIZE filter minimum quantity.',
      },
    });
  });

  it('expires IOC part-filled, FOK unfilled, and rests the rest of a GTC limit order', () => {
    const sim = thin('0.2');
    const ioc = sim.placed(limitBuy('60000', '0.5', { timeInForce: 'IOC' }));
    expect([ioc.order.status, ioc.order.executedQty.toString()]).toEqual(['EXPIRED', '0.2']);
    const fok = sim.placed(limitBuy('60000', '0.5', { timeInForce: 'FOK' }));
    expect([fok.order.status, fok.order.executedQty.toString(), fok.fills]).toEqual([
      'EXPIRED',
      '0',
      [],
    ]);
    const gtc = sim.placed(limitBuy('60000', '0.5'));
    expect([gtc.order.status, gtc.order.executedQty.toString()]).toEqual([
      'PARTIALLY_FILLED',
      '0.2',
    ]);
    expect(sim.balance('USDT').locked).toBe('18000');
    sim.state.prices.setDepth('BTCUSDT', new Dec('0'));
    const none = sim.placed(limitBuy('60000', '0.1'));
    expect([none.order.status, none.fills]).toEqual(['NEW', []]);
    sim.state.prices.setDepth('BTCUSDT', undefined);
    expect(sim.placed(limitBuy('60000', '0.1', { timeInForce: 'FOK' })).order.status).toBe(
      'FILLED',
    );
  });
});
