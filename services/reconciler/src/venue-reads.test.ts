import { clientOrderIdFor, type TradesQuery, type VenueOrder } from '@livegate/binance';
import { createLogger } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { trade, venueOrder } from '../test/fixtures.js';
import { createPacer } from './paced-call.js';
import { RunAborted } from './run-error.js';
import { ALL_SYMBOLS_FROM, fetchOpenOrders, fetchOrderTrades } from './venue-reads.js';
import type { ReconcileVenue } from './venue.js';

const pacer = createPacer({
  maxPauseMs: 0,
  sleep: async () => {},
  logger: createLogger({ service: 'reconciler-test', level: 'silent' }),
});

const unused = async (): Promise<never> => {
  throw new Error('not used by this test');
};

/** A venue answering openOrders from a list and myTrades from a trade log (as the venue pages it). */
function venueWith({
  open = [] as VenueOrder[],
  trades = [] as ReturnType<typeof trade>[],
  reject = false,
} = {}) {
  const asked: Array<string | undefined> = [];
  const tradeQueries: TradesQuery[] = [];
  const refusal = {
    kind: 'rejected',
    source: 'venue',
    code: -1121,
    message: 'Invalid symbol.',
  } as const;
  const venue: ReconcileVenue = {
    allOrders: async () => ({ kind: 'ok', value: [] }),
    openOrders: async (symbol) => {
      asked.push(symbol);
      if (reject) return refusal;
      return { kind: 'ok', value: open.filter((o) => symbol === undefined || o.symbol === symbol) };
    },
    myTrades: async (q) => {
      tradeQueries.push(q);
      if (reject) return refusal;
      // As Binance: from `fromId` on, else the most recent ones.
      const mine = trades.filter((t) => t.orderId === q.orderId);
      if (q.fromId === undefined) return { kind: 'ok', value: mine.slice(-(q.limit ?? 500)) };
      const from = BigInt(q.fromId);
      return { kind: 'ok', value: mine.filter((t) => BigInt(t.id) >= from).slice(0, q.limit) };
    },
    getOrder: unused,
    cancelOrder: unused,
    account: unused,
  };
  return { venue, asked, tradeQueries };
}

describe('venue-reads - open orders', () => {
  const ours = venueOrder({ clientOrderId: clientOrderIdFor('i-1') });
  const external = venueOrder({ orderId: '9', symbol: 'ETHUSDT', clientOrderId: 'web_123' });

  it('reads every symbol in one call and tells ours from external orders', async () => {
    const v = venueWith({ open: [ours, external] });
    const open = await fetchOpenOrders(pacer, v.venue, 'all');
    expect(v.asked).toEqual([undefined]);
    expect([...open.ours.keys()]).toEqual([ours.clientOrderId]);
    expect(open.external).toEqual([external]);
  });

  it('reads only the symbols asked for, one call each, up to the point where one call is cheaper', async () => {
    const v = venueWith({ open: [ours, external] });
    const open = await fetchOpenOrders(pacer, v.venue, ['BTCUSDT']);
    expect(v.asked).toEqual(['BTCUSDT']);
    expect(open.external).toEqual([]);
    const many = Array.from({ length: ALL_SYMBOLS_FROM }, (_, i) => `SYM${i}USDT`);
    const w = venueWith();
    await fetchOpenOrders(pacer, w.venue, many);
    expect(w.asked).toEqual([undefined]);
  });

  it('ends the run when the venue refuses the list', async () => {
    const err = await fetchOpenOrders(pacer, venueWith({ reject: true }).venue, ['XYZUSDT']).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RunAborted);
    expect((err as RunAborted).error).toEqual({
      code: 'VENUE_REJECTED',
      message: 'openOrders XYZUSDT: refused by the venue (-1121: Invalid symbol.).',
    });
  });
});

describe('venue-reads - trades', () => {
  const log = ['10', '11', '12', '13', '14'].map((id) => trade({ id }));

  it('reads every trade of the order page by page from the id after the last one', async () => {
    const v = venueWith({ trades: [...log, trade({ id: '15', orderId: '8' })] });
    const trades = await fetchOrderTrades(pacer, v.venue, {
      symbol: 'BTCUSDT',
      orderId: '7',
      pageSize: 2,
    });
    expect(trades).toEqual(log);
    expect(v.tradeQueries.map((q) => q.fromId)).toEqual(['0', '12', '14']);
    expect(v.tradeQueries[0]).toEqual({ symbol: 'BTCUSDT', orderId: '7', fromId: '0', limit: 2 });
  });

  it('asks once more after a full last page, and uses pages of 1000 by default', async () => {
    const v = venueWith({ trades: log.slice(0, 4) });
    expect(
      await fetchOrderTrades(pacer, v.venue, { symbol: 'BTCUSDT', orderId: '7', pageSize: 2 }),
    ).toHaveLength(4);
    expect(v.tradeQueries.map((q) => q.fromId)).toEqual(['0', '12', '14']);
    const w = venueWith({ trades: log });
    await fetchOrderTrades(pacer, w.venue, { symbol: 'BTCUSDT', orderId: '7' });
    expect(w.tradeQueries.map((q) => q.limit)).toEqual([1000]);
  });

  it('hands back a refusal as the error to report', async () => {
    expect(
      await fetchOrderTrades(pacer, venueWith({ reject: true }).venue, {
        symbol: 'BTCUSDT',
        orderId: '7',
      }),
    ).toEqual({
      code: 'VENUE_REJECTED',
      message: 'myTrades BTCUSDT order 7: refused by the venue (-1121: Invalid symbol.).',
    });
  });
});
