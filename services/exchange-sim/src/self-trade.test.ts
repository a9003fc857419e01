import { describe, expect, it } from 'vitest';
import { Dec } from './decimal.js';
import { symbolInfo } from './exchange-info.js';
import { stpModeParam } from './order-features.js';
import { DEFAULT_SYMBOLS, type SymbolSpec } from './symbols.js';
import type { StpMode } from './orders-store.js';
import { unitSim } from '../test/unit-sim.js';

/** Account KEY1 rests a SELL 0.3 at 60005 inside a 59990/60010 spread, then buys 0.1 through it. */
function selfCross(mode: StpMode | undefined, takerQty = '0.1') {
  const sim = unitSim();
  sim.state.depth.set('BTCUSDT', [{ offset: new Dec('10'), qty: new Dec('1') }]);
  const maker = sim.placed({
    side: 'SELL',
    type: 'LIMIT',
    timeInForce: 'GTC',
    price: '60005',
    quantity: '0.3',
    selfTradePreventionMode: 'NONE',
  }).order;
  const taker = sim.placed({
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    price: '60010',
    quantity: takerQty,
    ...(mode === undefined ? {} : { selfTradePreventionMode: mode }),
  });
  return { sim, maker, ...taker };
}
const qtys = (o: { executedQty: Dec; preventedQty: Dec }) => [
  o.executedQty.toString(),
  o.preventedQty.toString(),
];

describe('self-trade prevention', () => {
  it('NONE: the account trades with itself (two rows of one trade id)', () => {
    const { sim, maker, order, prevented } = selfCross('NONE');
    expect([maker.status, order.status, prevented]).toEqual(['PARTIALLY_FILLED', 'FILLED', []]);
    const trades = sim.state.orders.trades('KEY1', 'BTCUSDT');
    expect(trades.map((t) => [t.id, t.isBuyer, t.isMaker])).toEqual([
      [trades[0]?.id, false, true],
      [trades[0]?.id, true, false],
    ]);
  });

  it('EXPIRE_MAKER (the symbol default): the own resting order expires in match, the taker trades on', () => {
    const { sim, maker, order, fills, prevented } = selfCross(undefined);
    expect(order.selfTradePreventionMode).toBe('EXPIRE_MAKER');
    expect([maker.status, ...qtys(maker), maker.preventedMatchId]).toEqual([
      'EXPIRED_IN_MATCH',
      '0',
      '0.3',
      0,
    ]);
    expect(sim.balance('BTC')).toEqual({ free: '2.0998', locked: '0' });
    expect(fills.map((f) => f.price.toString())).toEqual(['60010']);
    expect([order.status, order.preventedMatchId]).toEqual(['FILLED', undefined]);
    expect(prevented).toEqual([
      {
        preventedMatchId: 0,
        makerOrderId: maker.orderId,
        price: new Dec('60005'),
        makerPreventedQuantity: new Dec('0.3'),
      },
    ]);
  });

  it('EXPIRE_TAKER: the taker expires in match with its whole rest prevented, the maker stays', () => {
    const { sim, maker, order, fills, prevented } = selfCross('EXPIRE_TAKER');
    expect([order.status, ...qtys(order), fills]).toEqual(['EXPIRED_IN_MATCH', '0', '0.1', []]);
    expect(maker.status).toBe('NEW');
    expect(prevented[0]).toMatchObject({ takerPreventedQuantity: new Dec('0.1') });
    expect(prevented[0]).not.toHaveProperty('makerPreventedQuantity');
    expect(sim.balance('USDT')).toEqual({ free: '100000', locked: '0' });
  });

  it('EXPIRE_BOTH: both expire in match', () => {
    const { maker, order } = selfCross('EXPIRE_BOTH');
    expect([maker.status, order.status]).toEqual(['EXPIRED_IN_MATCH', 'EXPIRED_IN_MATCH']);
    expect([...qtys(maker), ...qtys(order)]).toEqual(['0', '0.3', '0', '0.1']);
  });

  it('DECREMENT: both lose the smaller quantity; the smaller order expires, the larger keeps the rest', () => {
    const { sim, maker, order } = selfCross('DECREMENT');
    expect([order.status, ...qtys(order)]).toEqual(['EXPIRED_IN_MATCH', '0', '0.1']);
    expect([maker.status, ...qtys(maker)]).toEqual(['NEW', '0', '0.1']);
    expect(sim.balance('BTC')).toEqual({ free: '1.8', locked: '0.2' });
    const big = selfCross('DECREMENT', '0.5');
    // the rest traded, but not all of it: FILLED would claim executedQty = origQty
    expect([big.maker.status, big.order.status]).toEqual(['EXPIRED_IN_MATCH', 'EXPIRED_IN_MATCH']);
    expect(big.order.executedQty.toString()).toBe('0.2');
    expect(big.order.preventedQty.toString()).toBe('0.3');
  });

  it('a MARKET buy with DECREMENT spends only what it bought and gets the rest of its lock back', () => {
    const sim = unitSim();
    sim.state.depth.set('BTCUSDT', [{ offset: new Dec('10'), qty: new Dec('1') }]);
    sim.placed({
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '60005',
      quantity: '0.3',
    });
    const { order } = sim.placed({
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.1',
      selfTradePreventionMode: 'DECREMENT',
    });
    expect(order.status).toBe('EXPIRED_IN_MATCH');
    expect(sim.balance('USDT')).toEqual({ free: '100000', locked: '0' });
  });
});

describe('selfTradePreventionMode per symbol', () => {
  const base = DEFAULT_SYMBOLS[0] as SymbolSpec;
  const { selfTradePrevention: _stp, ...bare } = base;
  const custom: SymbolSpec = {
    ...base,
    selfTradePrevention: { defaultMode: 'NONE', allowedModes: ['NONE', 'EXPIRE_TAKER'] },
  };
  const mode = (spec: SymbolSpec, sent?: string) => {
    const parsed = stpModeParam(
      new Map(sent === undefined ? [] : [['selfTradePreventionMode', sent]]),
      spec,
    );
    return parsed.ok ? parsed.value : parsed.error.code;
  };

  it('defaults to the symbol default (EXPIRE_MAKER without one) and allows only its modes', () => {
    expect(mode(bare)).toBe('EXPIRE_MAKER');
    expect(mode(bare, 'DECREMENT')).toBe('DECREMENT');
    expect(mode(custom)).toBe('NONE');
    expect(mode(custom, 'EXPIRE_TAKER')).toBe('EXPIRE_TAKER');
    expect(mode(custom, 'EXPIRE_MAKER')).toBe(-1013);
    expect(symbolInfo(custom)).toMatchObject({
      defaultSelfTradePreventionMode: 'NONE',
      allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER'],
    });
  });
});
