import type { Dec } from './decimal.js';
import type { Fill } from './fills.js';
import type { SimOrder } from './orders-store.js';

/** Binance execution types the simulator produces (`x` of an executionReport). */
export type ExecutionType = 'NEW' | 'CANCELED' | 'TRADE' | 'EXPIRED' | 'TRADE_PREVENTION';

/** A change of one order, at the moment the matching engine made it. */
export interface OrderEvent {
  readonly type: 'order';
  readonly order: SimOrder;
  readonly executionType: ExecutionType;
  readonly time: number;
  /** TRADE: this order's side of the fill. */
  readonly fill?: Fill & { readonly isMaker: boolean };
  /** TRADE_PREVENTION: what this order lost, and to which order. */
  readonly prevented?: {
    readonly qty: Dec;
    readonly preventedMatchId: number;
    readonly counterOrderId: number;
  };
}

/** The balances of `assets` of an account changed (outboundAccountPosition). */
export interface AccountEvent {
  readonly type: 'account';
  readonly apiKey: string;
  readonly assets: readonly string[];
  readonly time: number;
}

/** Funds moved in or out of an account from outside trading (balanceUpdate). */
export interface BalanceEvent {
  readonly type: 'balance';
  readonly apiKey: string;
  readonly asset: string;
  readonly delta: Dec;
  readonly time: number;
}

/** A trade printed on the market (one per trade id). */
export interface TradeEvent {
  readonly type: 'trade';
  readonly symbol: string;
  readonly tradeId: number;
  readonly price: Dec;
  readonly qty: Dec;
  readonly buyerIsMaker: boolean;
  readonly time: number;
}

/** The book of a symbol may have changed (orders, synthetic depth or last price). */
export interface BookEvent {
  readonly type: 'book';
  readonly symbol: string;
}

export type SimEvent = OrderEvent | AccountEvent | BalanceEvent | TradeEvent | BookEvent;

/** Synchronous fan-out of simulator events to listeners (the websocket streams). */
export function createSimEvents() {
  const listeners = new Set<(event: SimEvent) => void>();
  return {
    emit(event: SimEvent): void {
      for (const listener of listeners) listener(event);
    },
    /** Adds a listener; returns its removal. */
    subscribe(listener: (event: SimEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SimEvents = ReturnType<typeof createSimEvents>;
