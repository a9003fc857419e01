import type { Dec } from './decimal.js';
import type { ReadLag } from './read-lag.js';

export type Side = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type OrderStatus =
  'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'EXPIRED_IN_MATCH';
/** Self-trade prevention modes the simulator implements (TRANSFER needs trade groups: not listed). */
export const STP_MODES = [
  'NONE',
  'EXPIRE_TAKER',
  'EXPIRE_MAKER',
  'EXPIRE_BOTH',
  'DECREMENT',
] as const;
export type StpMode = (typeof STP_MODES)[number];
/** Why an order ended EXPIRED (Binance `expiryReason` / `eR`; the values the simulator produces). */
export type ExpiryReason =
  | 'UNFILLED_IOC_QUANTITY_EXPIRED'
  | 'UNFILLED_FOK_ORDER_EXPIRED'
  | 'INSUFFICIENT_LIQUIDITY'
  | 'EXCHANGE_CANCELED';

/** One order the matching engine accepted (mutable: fills and cancels update it in place). */
export interface SimOrder {
  readonly orderId: number;
  readonly apiKey: string;
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** Zero for MARKET orders. */
  readonly price: Dec;
  readonly origQty: Dec;
  readonly origQuoteOrderQty: Dec;
  readonly time: number;
  executedQty: Dec;
  cummulativeQuoteQty: Dec;
  status: OrderStatus;
  updateTime: number;
  /** Funds still locked for the unfilled part, in `lockedAsset`. */
  locked: Dec;
  readonly lockedAsset: string;
  readonly selfTradePreventionMode: StpMode;
  /** Set for an iceberg order (only the visible part shows in the book). */
  readonly icebergQty?: Dec;
  /** Quantity expired by self-trade prevention over the order's life. */
  preventedQty: Dec;
  /** The last prevented match this order took part in. */
  preventedMatchId?: number;
  /** Set when the order ends EXPIRED. */
  expiryReason?: ExpiryReason;
  /** The id a cancel request sent (or generated) for itself. */
  cancelClientOrderId?: string;
  readonly strategyId?: number;
  readonly strategyType?: number;
  /** Set by a `read-lag` fault: the read paths do not see the order until then. */
  readLag?: ReadLag;
}

export interface SimTrade {
  readonly id: number;
  readonly orderId: number;
  readonly apiKey: string;
  readonly symbol: string;
  readonly price: Dec;
  readonly qty: Dec;
  readonly quoteQty: Dec;
  readonly commission: Dec;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
}

/** Why a taker order's unfilled rest expires: its time in force, or (MARKET) the book ran out. */
export function unfilledReason(order: SimOrder): ExpiryReason {
  if (order.type === 'MARKET') return 'INSUFFICIENT_LIQUIDITY';
  return order.timeInForce === 'FOK'
    ? 'UNFILLED_FOK_ORDER_EXPIRED'
    : 'UNFILLED_IOC_QUANTITY_EXPIRED';
}

/** What can still trade: origQty − executedQty − preventedQty. */
export const remainingOf = (order: SimOrder): Dec =>
  order.origQty.minus(order.executedQty).minus(order.preventedQty);

export const isOpen = (order: SimOrder): boolean =>
  order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';

/** Orders and trades in acceptance order; ids are increasing integers. */
export function createOrdersStore() {
  let orders: SimOrder[] = [];
  // Indexed by id and by symbol too: myTrades looks up each trade's order and every query lists one
  // symbol, and scans of the whole book made a reconcile of 10,000 orders the simulator's own cost.
  let ordersById = new Map<number, SimOrder>();
  let ordersBySymbol = new Map<string, SimOrder[]>();
  let trades: SimTrade[] = [];
  let tradesBySymbol = new Map<string, SimTrade[]>();
  const push = <T>(index: Map<string, T[]>, key: string, item: T) => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [item]);
    else list.push(item);
  };
  let lastOrderId = 10_000;
  let lastTradeId = 50_000;
  const lastPreventedMatchId = new Map<string, number>();
  return {
    nextOrderId: () => ++lastOrderId,
    nextTradeId: () => ++lastTradeId,
    /** Prevented-match ids count from 0 per symbol, as on Binance. */
    nextPreventedMatchId(symbol: string): number {
      const next = (lastPreventedMatchId.get(symbol) ?? -1) + 1;
      lastPreventedMatchId.set(symbol, next);
      return next;
    },
    add(order: SimOrder): void {
      orders.push(order);
      ordersById.set(order.orderId, order);
      push(ordersBySymbol, order.symbol, order);
    },
    addTrade(trade: SimTrade): void {
      trades.push(trade);
      push(tradesBySymbol, trade.symbol, trade);
    },
    byId(orderId: number): SimOrder | undefined {
      return ordersById.get(orderId);
    },
    /** Every order (optionally of one account and symbol), oldest first. */
    list(filter: { apiKey?: string; symbol?: string } = {}): SimOrder[] {
      const { apiKey, symbol } = filter;
      const scope = symbol === undefined ? orders : (ordersBySymbol.get(symbol) ?? []);
      return apiKey === undefined ? [...scope] : scope.filter((o) => o.apiKey === apiKey);
    },
    trades(apiKey: string, symbol: string): SimTrade[] {
      return (tradesBySymbol.get(symbol) ?? []).filter((t) => t.apiKey === apiKey);
    },
    clear(): void {
      orders = [];
      ordersById = new Map();
      ordersBySymbol = new Map();
      trades = [];
      tradesBySymbol = new Map();
    },
  };
}

export type OrdersStore = ReturnType<typeof createOrdersStore>;
