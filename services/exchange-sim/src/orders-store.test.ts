import { describe, expect, it } from 'vitest';
import { Dec } from './decimal.js';
import {
  createOrdersStore,
  isOpen,
  remainingOf,
  unfilledReason,
  type SimOrder,
  type SimTrade,
} from './orders-store.js';

const order = (orderId: number, apiKey: string, symbol: string) =>
  ({ orderId, apiKey, symbol }) as SimOrder;
const trade = (id: number, orderId: number, apiKey: string, symbol: string) =>
  ({ id, orderId, apiKey, symbol }) as SimTrade;

describe('orders store', () => {
  it('finds orders by id and lists them by account and symbol, oldest first', () => {
    const store = createOrdersStore();
    const [a1, b1, a2, a3] = [
      order(1, 'a', 'BTCUSDT'),
      order(2, 'b', 'BTCUSDT'),
      order(3, 'a', 'ETHUSDT'),
      order(4, 'a', 'BTCUSDT'),
    ];
    for (const o of [a1, b1, a2, a3]) store.add(o);
    expect(store.byId(3)).toBe(a2);
    expect(store.byId(5)).toBeUndefined();
    expect(store.list()).toEqual([a1, b1, a2, a3]);
    expect(store.list({ apiKey: 'a' })).toEqual([a1, a2, a3]);
    expect(store.list({ symbol: 'BTCUSDT' })).toEqual([a1, b1, a3]);
    expect(store.list({ apiKey: 'a', symbol: 'BTCUSDT' })).toEqual([a1, a3]);
    expect(store.list({ symbol: 'BNBUSDT' })).toEqual([]);
    // A listing is a copy: the caller's changes do not reach the store.
    store.list({ symbol: 'BTCUSDT' }).pop();
    expect(store.list({ symbol: 'BTCUSDT' })).toHaveLength(3);
  });

  it('lists trades by account and symbol, and forgets everything on clear', () => {
    const store = createOrdersStore();
    store.add(order(1, 'a', 'BTCUSDT'));
    const [t1, t2, t3] = [
      trade(10, 1, 'a', 'BTCUSDT'),
      trade(11, 2, 'b', 'BTCUSDT'),
      trade(12, 1, 'a', 'BTCUSDT'),
    ];
    for (const t of [t1, t2, t3]) store.addTrade(t);
    expect(store.trades('a', 'BTCUSDT')).toEqual([t1, t3]);
    expect(store.trades('a', 'ETHUSDT')).toEqual([]);
    store.clear();
    expect(store.byId(1)).toBeUndefined();
    expect(store.list()).toEqual([]);
    expect(store.list({ symbol: 'BTCUSDT' })).toEqual([]);
    expect(store.trades('a', 'BTCUSDT')).toEqual([]);
  });

  it('counts ids up and prevented-match ids per symbol', () => {
    const store = createOrdersStore();
    expect([store.nextOrderId(), store.nextOrderId(), store.nextTradeId()]).toEqual([
      10_001, 10_002, 50_001,
    ]);
    expect([
      store.nextPreventedMatchId('BTCUSDT'),
      store.nextPreventedMatchId('BTCUSDT'),
      store.nextPreventedMatchId('ETHUSDT'),
    ]).toEqual([0, 1, 0]);
  });
});

describe('order helpers', () => {
  it('says why an unfilled taker rest expires, what remains, and whether an order is open', () => {
    const taker = (type: SimOrder['type'], timeInForce: SimOrder['timeInForce']) =>
      unfilledReason({ type, timeInForce } as SimOrder);
    expect(taker('MARKET', 'IOC')).toBe('INSUFFICIENT_LIQUIDITY');
    expect(taker('LIMIT', 'FOK')).toBe('UNFILLED_FOK_ORDER_EXPIRED');
    expect(taker('LIMIT', 'IOC')).toBe('UNFILLED_IOC_QUANTITY_EXPIRED');
    const o = {
      origQty: new Dec('1'),
      executedQty: new Dec('0.25'),
      preventedQty: new Dec('0.5'),
    } as SimOrder;
    expect(remainingOf(o).toString()).toBe('0.25');
    const states: SimOrder['status'][] = ['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED'];
    expect(states.map((status) => isOpen({ status } as SimOrder))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
