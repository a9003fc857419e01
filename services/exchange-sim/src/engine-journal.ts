import type { Dec } from './decimal.js';
import type { ExecutionType, OrderEvent } from './events.js';
import type { SimOrder } from './orders-store.js';
import type { SimState } from './state.js';
import type { SymbolSpec } from './symbols.js';

/**
 * What the matching engine tells the streams: order events at the moment they happen, market
 * trades, and — once an operation is complete (`flush`) — the balances it touched per account and
 * the books it changed.
 */
export function createEngineJournal(state: SimState) {
  const touched = new Map<string, Set<string>>();
  const books = new Set<string>();

  function touch(apiKey: string, symbol: string): void {
    const spec = state.specs.get(symbol) as SymbolSpec;
    const assets = touched.get(apiKey) ?? new Set<string>();
    assets.add(spec.baseAsset).add(spec.quoteAsset);
    touched.set(apiKey, assets);
    books.add(symbol);
  }

  return {
    order(
      order: SimOrder,
      executionType: ExecutionType,
      extra: Pick<OrderEvent, 'fill' | 'prevented'> = {},
    ): void {
      touch(order.apiKey, order.symbol);
      // every change stamps updateTime first: the event carries the change's own time
      const time = order.updateTime;
      state.events.emit({ type: 'order', order, executionType, time, ...extra });
    },
    trade(symbol: string, tradeId: number, price: Dec, qty: Dec, buyerIsMaker: boolean): void {
      state.events.emit({
        type: 'trade',
        symbol,
        tradeId,
        price,
        qty,
        buyerIsMaker,
        time: state.clock(),
      });
    },
    /** A price move without an order change still moves the synthetic book. */
    book(symbol: string): void {
      books.add(symbol);
    },
    flush(): void {
      const time = state.clock();
      for (const [apiKey, assets] of touched)
        state.events.emit({ type: 'account', apiKey, assets: [...assets].sort(), time });
      for (const symbol of books) state.events.emit({ type: 'book', symbol });
      touched.clear();
      books.clear();
    },
  };
}

export type EngineJournal = ReturnType<typeof createEngineJournal>;
