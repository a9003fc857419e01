import { fmt8, ZERO } from './decimal.js';
import type { Fill } from './fills.js';
import type { SimOrder } from './orders-store.js';
import type { PreventedMatch } from './taker.js';

/** The fields every order answer shares (RESULT minus the ids). */
function core(order: SimOrder) {
  return {
    price: fmt8(order.price),
    origQty: fmt8(order.origQty),
    executedQty: fmt8(order.executedQty),
    cummulativeQuoteQty: fmt8(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
  };
}

/** Fields Binance includes only when they apply. */
function conditional(order: SimOrder) {
  return {
    ...(order.strategyId === undefined ? {} : { strategyId: order.strategyId }),
    ...(order.strategyType === undefined ? {} : { strategyType: order.strategyType }),
    ...(order.expiryReason === undefined ? {} : { expiryReason: order.expiryReason }),
    ...(order.preventedMatchId === undefined
      ? {}
      : { preventedMatchId: order.preventedMatchId, preventedQuantity: fmt8(order.preventedQty) }),
  };
}

/** The self-trades a taker's placement prevented, as Binance lists them on its answer. */
function preventedMatchesView(prevented: readonly PreventedMatch[]) {
  return prevented.map((p) => ({
    preventedMatchId: p.preventedMatchId,
    makerOrderId: p.makerOrderId,
    price: fmt8(p.price),
    ...(p.takerPreventedQuantity === undefined
      ? {}
      : { takerPreventedQuantity: fmt8(p.takerPreventedQuantity) }),
    ...(p.makerPreventedQuantity === undefined
      ? {}
      : { makerPreventedQuantity: fmt8(p.makerPreventedQuantity) }),
  }));
}

/** `GET /api/v3/order` (also openOrders / allOrders rows). */
export function orderQueryView(order: SimOrder) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    ...core(order),
    stopPrice: fmt8(ZERO),
    icebergQty: fmt8(order.icebergQty ?? ZERO),
    time: order.time,
    updateTime: order.updateTime,
    isWorking: true,
    workingTime: order.time,
    origQuoteOrderQty: fmt8(order.origQuoteOrderQty),
    selfTradePreventionMode: order.selfTradePreventionMode,
    ...conditional(order),
  };
}

/** `newOrderRespType=ACK`. */
export function ackView(order: SimOrder) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    transactTime: order.time,
  };
}

/** `newOrderRespType=RESULT`, with the self-trades the placement prevented (if any). */
export function resultView(order: SimOrder, prevented: readonly PreventedMatch[] = []) {
  return {
    ...ackView(order),
    ...core(order),
    origQuoteOrderQty: fmt8(order.origQuoteOrderQty),
    workingTime: order.time,
    ...(order.icebergQty === undefined ? {} : { icebergQty: fmt8(order.icebergQty) }),
    ...(prevented.length === 0 ? {} : { preventedMatches: preventedMatchesView(prevented) }),
    selfTradePreventionMode: order.selfTradePreventionMode,
    ...conditional(order),
  };
}

/** `newOrderRespType=FULL`: RESULT plus the fills of this request. */
export function fullView(
  order: SimOrder,
  fills: readonly Fill[],
  prevented: readonly PreventedMatch[] = [],
) {
  return {
    ...resultView(order, prevented),
    fills: fills.map((f) => ({
      price: fmt8(f.price),
      qty: fmt8(f.qty),
      commission: fmt8(f.commission),
      commissionAsset: f.commissionAsset,
      tradeId: f.tradeId,
    })),
  };
}

/** `DELETE /api/v3/order`: `clientOrderId` is the cancel's own id, `origClientOrderId` the order's. */
export function cancelView(order: SimOrder) {
  return {
    symbol: order.symbol,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.cancelClientOrderId,
    transactTime: order.updateTime,
    ...core(order),
    origQuoteOrderQty: fmt8(order.origQuoteOrderQty),
    selfTradePreventionMode: order.selfTradePreventionMode,
    ...conditional(order),
  };
}
