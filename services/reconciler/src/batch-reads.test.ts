import type { AllOrdersQuery, TradesQuery, VenueOrder, VenueTrade } from '@livegate/binance';
import { createLogger } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { trade, venueOrder } from '../test/fixtures.js';
import { fetchOrdersById, fetchTradesOfOrders } from './batch-reads.js';
import { createPacer } from './paced-call.js';
import type { ReconcileVenue } from './venue.js';

const pacer = createPacer({
  maxPauseMs: 0,
  sleep: async () => {},
  logger: createLogger({ service: 'reconciler-test', level: 'silent' }),
});

const unused = async (): Promise<never> => {
  throw new Error('not used by this test');
};

const refusal = {
  kind: 'rejected',
  source: 'venue',
  code: -1121,
  message: 'Invalid symbol.',
} as const;

/** A venue paging allOrders and myTrades over fixed lists as Binance does (ascending, from an id). */
function venueWith({
  orders = [] as VenueOrder[],
  trades = [] as VenueTrade[],
  reject = false,
} = {}) {
  const orderQueries: AllOrdersQuery[] = [];
  const tradeQueries: TradesQuery[] = [];
  const venue: ReconcileVenue = {
    allOrders: async (q) => {
      orderQueries.push(q);
      if (reject) return refusal;
      const from = BigInt(q.orderId ?? 0);
      return {
        kind: 'ok',
        value: orders.filter((o) => BigInt(o.orderId) >= from).slice(0, q.limit),
      };
    },
    myTrades: async (q) => {
      tradeQueries.push(q);
      if (reject) return refusal;
      const mine =
        q.fromId === undefined
          ? trades.filter((t) => t.time >= (q.startTime ?? 0) && t.time <= (q.endTime ?? Infinity))
          : trades.filter((t) => BigInt(t.id) >= BigInt(q.fromId as string));
      return { kind: 'ok', value: mine.slice(0, q.limit) };
    },
    openOrders: unused,
    getOrder: unused,
    cancelOrder: unused,
    account: unused,
  };
  return { venue, orderQueries, tradeQueries };
}

const orders = (...ids: number[]) => ids.map((id) => venueOrder({ orderId: String(id) }));

describe('batch-reads - orders by id', () => {
  it('pages allOrders from the smallest wanted id until the largest one, keeping only wanted ids', async () => {
    const { venue, orderQueries } = venueWith({ orders: orders(3, 4, 5, 6, 7, 8, 9) });
    const found = await fetchOrdersById(pacer, venue, 'BTCUSDT', ['8', '3', '5'], 2);
    expect([...(found?.keys() ?? [])].sort()).toEqual(['3', '5', '8']);
    // Pages start at 3, then after each page's last id; the page reaching 8 is the last one read.
    expect(orderQueries.map((q) => q.orderId)).toEqual(['3', '5', '7']);
    expect(orderQueries.every((q) => q.symbol === 'BTCUSDT' && q.limit === 2)).toBe(true);
  });

  it('stops at a short page, leaving ids the venue does not show absent', async () => {
    const { venue, orderQueries } = venueWith({ orders: orders(10, 11) });
    const found = await fetchOrdersById(pacer, venue, 'BTCUSDT', ['11', '12'], 2);
    expect([...(found?.keys() ?? [])]).toEqual(['11']);
    expect(orderQueries.map((q) => q.orderId)).toEqual(['11']);
  });

  it('stops at an empty page', async () => {
    const { venue, orderQueries } = venueWith({ orders: [] });
    const found = await fetchOrdersById(pacer, venue, 'BTCUSDT', ['5'], 1);
    expect(found?.size).toBe(0);
    expect(orderQueries).toHaveLength(1);
  });

  it('gives undefined when the venue refuses the read', async () => {
    const { venue } = venueWith({ orders: orders(1), reject: true });
    expect(await fetchOrdersById(pacer, venue, 'BTCUSDT', ['1'])).toBeUndefined();
  });

  it('reads from id 0 when no id is wanted', async () => {
    const { venue, orderQueries } = venueWith({ orders: orders(1) });
    const found = await fetchOrdersById(pacer, venue, 'BTCUSDT', []);
    expect(found?.size).toBe(0);
    expect(orderQueries.map((q) => q.orderId)).toEqual(['0']);
  });
});

describe('batch-reads - trades of orders', () => {
  const t = (id: number, orderId: string, qty: string) =>
    trade({ id: String(id), orderId, qty, time: 1_000 + id });

  it('pages myTrades from the window start, then from the last trade id, until every order adds up', async () => {
    const log = [t(1, '7', '0.001'), t(2, '99', '0.5'), t(3, '8', '0.002'), t(4, '7', '0.001')];
    const later = t(5, '7', '0.001');
    const { venue, tradeQueries } = venueWith({ trades: [...log, later] });
    const byOrder = await fetchTradesOfOrders(
      pacer,
      venue,
      'BTCUSDT',
      {
        executed: new Map([
          ['7', '0.002'],
          ['8', '0.002'],
        ]),
        since: 1_000,
      },
      2,
    );
    expect(byOrder.get('7')?.map((x) => x.id)).toEqual(['1', '4']);
    expect(byOrder.get('8')?.map((x) => x.id)).toEqual(['3']);
    // Trades of other orders are skipped; once both orders add up no further page is read.
    expect(byOrder.has('99')).toBe(false);
    expect(tradeQueries).toEqual([
      { symbol: 'BTCUSDT', startTime: 1_000, endTime: 1_000 + 86_400_000 - 1, limit: 2 },
      { symbol: 'BTCUSDT', fromId: '3', limit: 2 },
    ]);
  });

  it('leaves out an order whose trades do not add up when the venue has no more', async () => {
    const { venue, tradeQueries } = venueWith({
      trades: [t(1, '7', '0.001'), t(2, '8', '0.002')],
    });
    const byOrder = await fetchTradesOfOrders(pacer, venue, 'BTCUSDT', {
      executed: new Map([
        ['7', '0.002'],
        ['8', '0.002'],
        ['9', '0.001'],
      ]),
      since: 0,
    });
    expect([...byOrder.keys()]).toEqual(['8']);
    expect(tradeQueries).toHaveLength(1);
  });

  it('stops when a full page is followed by a short one', async () => {
    const { venue, tradeQueries } = venueWith({ trades: [t(1, '7', '0.001'), t(2, '7', '0.001')] });
    const byOrder = await fetchTradesOfOrders(
      pacer,
      venue,
      'BTCUSDT',
      { executed: new Map([['7', '0.003']]), since: 0 },
      2,
    );
    expect(byOrder.size).toBe(0);
    expect(tradeQueries.map((q) => q.fromId)).toEqual([undefined, '3']);
  });

  it('reads nothing when no order is wanted, and gives nothing when the venue refuses', async () => {
    const none = venueWith({ trades: [t(1, '7', '0.001')] });
    expect(
      (await fetchTradesOfOrders(pacer, none.venue, 'BTCUSDT', { executed: new Map(), since: 0 }))
        .size,
    ).toBe(0);
    expect(none.tradeQueries).toEqual([]);
    const refused = venueWith({ trades: [t(1, '7', '0.001')], reject: true });
    const byOrder = await fetchTradesOfOrders(pacer, refused.venue, 'BTCUSDT', {
      executed: new Map([['7', '0.001']]),
      since: 0,
    });
    expect(byOrder.size).toBe(0);
  });
});
