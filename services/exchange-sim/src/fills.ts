import { balanceOf, type SimAccount } from './accounts.js';
import { Dec } from './decimal.js';
import { remainingOf, type OrdersStore, type SimOrder, type SimTrade } from './orders-store.js';
import type { SymbolSpec } from './symbols.js';

/** FILLED when all of it traded; EXPIRED_IN_MATCH when the rest was prevented (DECREMENT). */
function statusAfterFill(order: SimOrder): SimOrder['status'] {
  if (order.executedQty.eq(order.origQty)) return 'FILLED';
  return remainingOf(order).isZero() ? 'EXPIRED_IN_MATCH' : 'PARTIALLY_FILLED';
}

/** One FULL-response fill. */
export interface Fill {
  readonly price: Dec;
  readonly qty: Dec;
  readonly commission: Dec;
  readonly commissionAsset: string;
  readonly tradeId: number;
}

export interface FillProps {
  readonly account: SimAccount;
  readonly spec: SymbolSpec;
  readonly order: SimOrder;
  readonly qty: Dec;
  readonly price: Dec;
  readonly isMaker: boolean;
  readonly store: OrdersStore;
  readonly now: number;
  /** Both sides of a match between two resting/taker orders share one trade id. */
  readonly tradeId?: number;
}

/**
 * Executes `qty` of `order` at `price`: consumes the matching share of the locked funds, pays
 * the proceeds minus commission (charged in the asset received, at the maker or taker rate),
 * records the trade and updates the order.
 */
export function executeFill({
  account,
  spec,
  order,
  qty,
  price,
  isMaker,
  store,
  now,
  tradeId = store.nextTradeId(),
}: FillProps): Fill {
  const remaining = remainingOf(order);
  const quote = price.mul(qty);
  // A MARKET buy locked what its planned sweep costs: each fill spends exactly its quote.
  const marketBuy = order.type === 'MARKET' && order.side === 'BUY';
  const proportional = qty.eq(remaining) ? order.locked : order.locked.mul(qty).div(remaining);
  const share = marketBuy ? Dec.min(quote, order.locked) : proportional;
  const rate = isMaker ? account.makerRate : account.takerRate;
  const isBuyer = order.side === 'BUY';
  const received = isBuyer ? qty : quote;
  const commission = received.mul(rate).toDecimalPlaces(8, Dec.ROUND_UP);
  const commissionAsset = isBuyer ? spec.baseAsset : spec.quoteAsset;
  const funding = balanceOf(account, order.lockedAsset);
  funding.locked = funding.locked.minus(share);
  // A buy locked at its limit price may fill cheaper: the difference goes back to free.
  if (isBuyer) funding.free = funding.free.plus(share.minus(quote));
  const proceeds = balanceOf(account, commissionAsset);
  proceeds.free = proceeds.free.plus(received.minus(commission));
  order.locked = order.locked.minus(share);
  order.executedQty = order.executedQty.plus(qty);
  order.cummulativeQuoteQty = order.cummulativeQuoteQty.plus(quote);
  order.status = statusAfterFill(order);
  order.updateTime = now;
  account.updateTime = now;
  const trade: SimTrade = {
    id: tradeId,
    orderId: order.orderId,
    apiKey: account.apiKey,
    symbol: order.symbol,
    price,
    qty,
    quoteQty: quote,
    commission,
    commissionAsset,
    time: now,
    isBuyer,
    isMaker,
  };
  store.addTrade(trade);
  return { price, qty, commission, commissionAsset, tradeId: trade.id };
}
