import { describe, expect, it } from 'vitest';
import { bookLevels } from './book.js';
import { Dec } from './decimal.js';
import { unitSim } from '../test/unit-sim.js';

const levels = (...spec: [string, string][]) =>
  spec.map(([offset, qty]) => ({ offset: new Dec(offset), qty: new Dec(qty) }));
const str = (values: readonly { toString(): string }[]) => values.map((v) => v.toString());

function deep() {
  const sim = unitSim();
  sim.state.depth.set('BTCUSDT', levels(['0', '0.1'], ['10', '0.2'], ['20', '1']));
  return sim;
}

describe('order book with depth', () => {
  it('fills a MARKET order across several levels: several fills, quote sum, commission per fill', () => {
    const sim = deep();
    const { order, fills } = sim.placed({ side: 'BUY', type: 'MARKET', quantity: '0.25' });
    expect(order.status).toBe('FILLED');
    expect(
      fills.map((f) => [f.price.toString(), f.qty.toString(), f.commission.toString()]),
    ).toEqual([
      ['60000', '0.1', '0.0002'],
      ['60010', '0.15', '0.0003'],
    ]);
    expect(order.cummulativeQuoteQty.toString()).toBe('15001.5');
    expect(new Set(fills.map((f) => f.tradeId)).size).toBe(2);
    // the MARKET buy locked what the sweep costs, and spent exactly that
    expect(sim.balance('USDT')).toEqual({ free: '84998.5', locked: '0' });
    expect(sim.balance('BTC').free).toBe('2.2495');
    expect(sim.state.prices.get('BTCUSDT').toString()).toBe('60010');
  });

  it('sells into the bids, best first, and moves the synthetic book with the last price', () => {
    const sim = deep();
    const { fills } = sim.placed({ side: 'SELL', type: 'MARKET', quantity: '0.3' });
    expect(fills.map((f) => f.price.toString())).toEqual(['60000', '59990']);
    expect(sim.state.prices.get('BTCUSDT').toString()).toBe('59990');
    expect(bookLevels(sim.state, 'BTCUSDT', 'BUY', 2).map((l) => l.price.toString())).toEqual([
      '59990',
      '59980',
    ]);
  });

  it('stops at the limit price: IOC expires the rest, GTC rests it and gives back what it locked too much', () => {
    const sim = deep();
    const limitBuy = (tif: string) => ({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: tif,
      price: '60010',
      quantity: '0.5',
    });
    const ioc = sim.placed(limitBuy('IOC'));
    expect(str(ioc.fills.map((f) => f.qty))).toEqual(['0.1', '0.2']);
    expect([ioc.order.status, ioc.order.expiryReason]).toEqual([
      'EXPIRED',
      'UNFILLED_IOC_QUANTITY_EXPIRED',
    ]);
    sim.state.prices.set('BTCUSDT', new Dec('60000'));
    const gtc = sim.placed(limitBuy('GTC'));
    expect([gtc.order.status, gtc.order.executedQty.toString()]).toEqual([
      'PARTIALLY_FILLED',
      '0.3',
    ]);
    // 0.2 left at 60010 stays locked; the 0.1 bought at 60000 gave back 1 USDT
    expect(sim.balance('USDT').locked).toBe('12002');
  });

  it('FOK trades all or nothing against the depth; MARKET beyond the book expires INSUFFICIENT_LIQUIDITY', () => {
    const sim = deep();
    const fok = (qty: string) =>
      sim.placed({ side: 'BUY', type: 'LIMIT', timeInForce: 'FOK', price: '60020', quantity: qty });
    expect(fok('1.31').order).toMatchObject({
      status: 'EXPIRED',
      expiryReason: 'UNFILLED_FOK_ORDER_EXPIRED',
    });
    expect(sim.state.orders.trades('KEY1', 'BTCUSDT')).toEqual([]);
    sim.state.prices.set('BTCUSDT', new Dec('60000'));
    expect(fok('1.3').order.status).toBe('FILLED');
    sim.state.prices.set('BTCUSDT', new Dec('60000'));
    const market = sim.placed({ side: 'SELL', type: 'MARKET', quantity: '1.5' });
    expect([market.order.status, market.order.executedQty.toString()]).toEqual(['EXPIRED', '1.3']);
    expect(market.order.expiryReason).toBe('INSUFFICIENT_LIQUIDITY');
  });

  it("matches another account's resting order inside the spread: both sides fill, one trade id", () => {
    const sim = unitSim();
    sim.state.depth.set('BTCUSDT', levels(['10', '1']));
    const other = sim.state.accounts.create({
      apiKey: 'KEY2',
      apiSecret: 'S2',
      balances: { BTC: '1' },
      makerRate: '0.001',
      takerRate: '0.002',
    });
    const ask = sim.engine.place(
      other,
      sim.request({
        side: 'SELL',
        type: 'LIMIT',
        timeInForce: 'GTC',
        price: '60005',
        quantity: '0.05',
      }),
    );
    expect(ask.ok && ask.value.order.status).toBe('NEW');
    const { fills } = sim.placed({ side: 'BUY', type: 'MARKET', quantity: '0.1' });
    expect(fills.map((f) => [f.price.toString(), f.qty.toString()])).toEqual([
      ['60005', '0.05'],
      ['60010', '0.05'],
    ]);
    const [makerTrade] = sim.state.orders.trades('KEY2', 'BTCUSDT');
    expect(makerTrade).toMatchObject({ id: fills[0]?.tradeId, isMaker: true, isBuyer: false });
    expect(makerTrade?.commission.toString()).toBe('3.00025');
    expect(other.balances.get('USDT')?.free.toString()).toBe('2997.24975');
    expect(other.balances.get('BTC')?.locked.toString()).toBe('0');
  });

  it('with no synthetic levels, refuses a MARKET order (-2010) and rests a limit order', () => {
    const sim = unitSim();
    sim.state.depth.set('BTCUSDT', []);
    expect(sim.place({ side: 'BUY', type: 'MARKET', quantity: '0.1' })).toMatchObject({
      ok: false,
      error: { code: -2010 },
    });
    expect(
      sim.placed({
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        price: '61000',
        quantity: '0.1',
      }).order.status,
    ).toBe('NEW');
    expect(
      sim.place({ side: 'SELL', type: 'LIMIT_MAKER', price: '61000', quantity: '0.1' }),
    ).toMatchObject({
      ok: false,
      error: { msg: 'Order would immediately match and take.' },
    });
    sim.state.depth.set('BTCUSDT', undefined);
    expect(str(bookLevels(sim.state, 'BTCUSDT', 'SELL', 5).map((l) => l.qty))).toEqual(['9000']);
  });

  it('caps one taker order across levels with the liquidity cap', () => {
    const sim = deep();
    sim.state.prices.setDepth('BTCUSDT', new Dec('0.15'));
    const { order, fills } = sim.placed({ side: 'BUY', type: 'MARKET', quantity: '0.5' });
    expect(str(fills.map((f) => f.qty))).toEqual(['0.1', '0.05']);
    expect(order.status).toBe('EXPIRED');
  });

  it('shows the book as price levels: orders and synthetic liquidity summed, icebergs by their visible part', () => {
    const sim = unitSim();
    sim.state.depth.set('BTCUSDT', levels(['10', '1'], ['20', '2']));
    sim.placed({
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '60010',
      quantity: '0.5',
      icebergQty: '0.1',
    });
    sim.placed({
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '60005',
      quantity: '0.2',
    });
    const asks = bookLevels(sim.state, 'BTCUSDT', 'SELL', 2);
    expect(asks.map((l) => [l.price.toString(), l.qty.toString()])).toEqual([
      ['60005', '0.2'],
      ['60010', '1.1'],
    ]);
  });
});
