import type { SimAccount } from '../accounts.js';
import { balanceOf } from '../accounts.js';
import { fmt8, ZERO } from '../decimal.js';
import type { AccountEvent, BalanceEvent, OrderEvent } from '../events.js';
import { isOpen } from '../orders-store.js';

/**
 * `executionReport` with the documented fields (user-data-stream.md), built at the moment of the
 * change: `c` is the cancel's client id on a cancel (`C` the order's own), `w` whether the order is
 * on the book now, `m` whether this fill was the maker side, `W` only once it is on the book,
 * `j`/`J` when a strategy was given, `eR` on EXPIRED, `v`/`A`/`B`/`U` on TRADE_PREVENTION.
 */
export function executionReport(event: OrderEvent, executionId: number) {
  const { order, fill, prevented, executionType } = event;
  const canceled = executionType === 'CANCELED';
  const onBook = isOpen(order) && order.type !== 'MARKET' && order.timeInForce === 'GTC';
  return {
    e: 'executionReport',
    E: event.time,
    s: order.symbol,
    c: canceled ? (order.cancelClientOrderId as string) : order.clientOrderId,
    S: order.side,
    o: order.type,
    f: order.timeInForce,
    q: fmt8(order.origQty),
    p: fmt8(order.price),
    P: fmt8(ZERO),
    F: fmt8(order.icebergQty ?? ZERO),
    g: -1,
    C: canceled ? order.clientOrderId : '',
    x: executionType,
    X: order.status,
    r: 'NONE',
    i: order.orderId,
    l: fmt8(fill?.qty ?? ZERO),
    z: fmt8(order.executedQty),
    L: fmt8(fill?.price ?? ZERO),
    n: fill === undefined ? '0' : fmt8(fill.commission),
    N: fill?.commissionAsset ?? null,
    T: event.time,
    t: fill?.tradeId ?? -1,
    I: executionId,
    w: onBook,
    m: fill?.isMaker ?? false,
    M: false,
    O: order.time,
    Z: fmt8(order.cummulativeQuoteQty),
    Y: fmt8(fill === undefined ? ZERO : fill.price.mul(fill.qty)),
    Q: fmt8(order.origQuoteOrderQty),
    ...(order.strategyId === undefined ? {} : { j: order.strategyId }),
    ...(order.strategyType === undefined ? {} : { J: order.strategyType }),
    ...(order.type === 'MARKET' ? {} : { W: order.time }),
    V: order.selfTradePreventionMode,
    ...(executionType === 'EXPIRED' && order.expiryReason !== undefined
      ? { eR: order.expiryReason }
      : {}),
    ...(prevented === undefined
      ? {}
      : {
          v: prevented.preventedMatchId,
          A: fmt8(order.preventedQty),
          B: fmt8(prevented.qty),
          U: prevented.counterOrderId,
        }),
  };
}

/** `outboundAccountPosition`: the balances of the assets the change touched. */
export function outboundAccountPosition(account: SimAccount, event: AccountEvent) {
  return {
    e: 'outboundAccountPosition',
    E: event.time,
    u: account.updateTime,
    B: event.assets.map((asset) => {
      const b = balanceOf(account, asset);
      return { a: asset, f: fmt8(b.free), l: fmt8(b.locked) };
    }),
  };
}

/** `balanceUpdate`: funds moved in (positive) or out, from outside trading. */
export function balanceUpdate(event: BalanceEvent) {
  return { e: 'balanceUpdate', E: event.time, a: event.asset, d: fmt8(event.delta), T: event.time };
}
