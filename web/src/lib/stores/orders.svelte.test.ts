import type { OrderEvent, OrderRow } from '@livegate/contracts';
import { describe, expect, it, vi } from 'vitest';
import { OrdersStore, type OrdersSource } from './orders.svelte.js';

const row = (intentId: string, over: Partial<OrderRow> = {}): OrderRow => ({
  intentId,
  source: 'momentum',
  mode: 'paper',
  symbol: 'BTCUSDT',
  side: 'BUY',
  quantity: '0.01',
  price: '50000',
  state: 'NEW',
  exchangeStatus: 'NEW',
  executedQty: '0',
  updatedAt: '2026-01-31T12:00:00.000Z',
  ...over,
});

const event = (intentId: string, over: Partial<OrderEvent> = {}): OrderEvent =>
  ({
    type: 'order.updated',
    eventId: `e-${intentId}`,
    intentId,
    source: 'momentum',
    mode: 'paper',
    state: 'PARTIALLY_FILLED',
    exchangeStatus: 'PARTIALLY_FILLED',
    executedQty: '0.005',
    at: '2026-01-31T12:00:05.000Z',
    ...over,
  }) as OrderEvent;

function source(rows: OrderRow[], one: (id: string) => OrderRow | undefined = () => undefined) {
  const list = vi.fn<OrdersSource['list']>(async () => ({ ok: true, data: { items: rows } }));
  const get = vi.fn<OrdersSource['one']>(async (id) => {
    const found = one(id);
    return found
      ? { ok: true, data: found }
      : { ok: false, error: { status: 404, code: 'NOT_FOUND', message: 'no such order' } };
  });
  return { list, one: get };
}

describe('OrdersStore', () => {
  it('loads a page with the filter and reads the columns', async () => {
    const src = source([row('a')]);
    const store = new OrdersStore(src, { pageSize: 2 });
    await store.load({ state: 'NEW', mode: 'paper' }, 2);
    expect(src.list).toHaveBeenCalledWith({ state: 'NEW', mode: 'paper', limit: 2, offset: 2 });
    expect(store.rows).toEqual([
      {
        intentId: 'a',
        source: 'momentum',
        mode: 'paper',
        symbol: 'BTCUSDT',
        side: 'BUY',
        qty: '0.01',
        price: '50000',
        state: 'NEW',
        exchangeStatus: 'NEW',
        filled: '0',
        updatedAt: '2026-01-31T12:00:00.000Z',
      },
    ]);
    expect(store.hasOlder).toBe(false);
    expect(store.loading).toBe(false);
  });

  it('keeps the error sentence when the page cannot be loaded', async () => {
    const store = new OrdersStore({
      list: async () => ({
        ok: false,
        error: { status: 502, code: 'UNAVAILABLE', message: 'down' },
      }),
      one: vi.fn(),
    });
    await store.load();
    expect(store.error?.message).toBe('down');
  });

  it('an event updates its row in place', async () => {
    const store = new OrdersStore(source([row('a'), row('b')]));
    await store.load();
    await store.apply(event('b'));
    expect(store.rows[1]).toMatchObject({
      intentId: 'b',
      symbol: 'BTCUSDT',
      state: 'PARTIALLY_FILLED',
      filled: '0.005',
      updatedAt: '2026-01-31T12:00:05.000Z',
    });
  });

  it('an event without exchange facts keeps the ones we had', async () => {
    const store = new OrdersStore(source([row('a')]));
    await store.load();
    await store.apply({
      type: 'order.unknown',
      eventId: 'e1',
      intentId: 'a',
      source: 'momentum',
      mode: 'paper',
      state: 'UNKNOWN',
      at: '2026-01-31T12:00:05.000Z',
    });
    expect(store.rows[0]).toMatchObject({ state: 'UNKNOWN', exchangeStatus: 'NEW', filled: '0' });
  });

  it("another strategy's order under the same intentId is its own row", async () => {
    const src = source([row('a')], (id) => row(id, { source: 'meanrev', state: 'NEW' }));
    const store = new OrdersStore(src);
    await store.load();
    await store.apply(event('a', { source: 'meanrev' }));
    expect(src.one).toHaveBeenCalledWith('a', 'meanrev');
    expect(store.rows.map((r) => [r.source, r.intentId, r.state])).toEqual([
      ['meanrev', 'a', 'PARTIALLY_FILLED'],
      ['momentum', 'a', 'NEW'],
    ]);
  });

  it('a row that leaves the filter is dropped', async () => {
    const store = new OrdersStore(source([row('a')]));
    await store.load({ state: 'NEW' });
    await store.apply(event('a'));
    expect(store.rows).toEqual([]);
  });

  it('a new order on the first page appears at once and is completed from the gateway', async () => {
    const src = source([row('a')], (id) =>
      row(id, { symbol: 'ETHUSDT', updatedAt: '2026-01-31T12:00:01.000Z' }),
    );
    const store = new OrdersStore(src);
    await store.load();
    const applied = store.apply(
      event('n', { type: 'order.accepted', state: 'SUBMITTING' } as Partial<OrderEvent>),
    );
    expect(store.rows[0]).toMatchObject({ intentId: 'n', state: 'SUBMITTING', symbol: undefined });
    await applied;
    expect(src.one).toHaveBeenCalledWith('n', 'momentum');
    expect(store.rows[0]).toMatchObject({ intentId: 'n', symbol: 'ETHUSDT', state: 'SUBMITTING' });
    expect(store.rows).toHaveLength(2);
  });

  it('takes the fetched row whole when it is newer than the event', async () => {
    const src = source([], (id) =>
      row(id, { state: 'FILLED', updatedAt: '2026-01-31T12:00:09.000Z' }),
    );
    const store = new OrdersStore(src);
    await store.load();
    await store.apply(event('n'));
    expect(store.rows[0]).toMatchObject({ state: 'FILLED', updatedAt: '2026-01-31T12:00:09.000Z' });
  });

  it('ignores new orders off the first page or outside the filter; keeps the event row if the fetch fails', async () => {
    const src = source([]);
    const store = new OrdersStore(src);
    await store.load({}, 50);
    await store.apply(event('x'));
    expect(store.rows).toEqual([]);
    await store.load({ mode: 'live' });
    await store.apply(event('y'));
    expect(store.rows).toEqual([]);
    await store.load({});
    await store.apply(event('z'));
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]?.state).toBe('PARTIALLY_FILLED');
  });

  it('a late page answer does not overwrite a newer one', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const store = new OrdersStore({
      list: async ({ state }) => {
        if (state === 'NEW') await slow;
        return { ok: true, data: { items: [row(state ?? 'all')] } };
      },
      one: vi.fn(),
    });
    const first = store.load({ state: 'NEW' });
    await store.load({});
    release();
    await first;
    expect(store.rows.map((r) => r.intentId)).toEqual(['all']);
  });
});
