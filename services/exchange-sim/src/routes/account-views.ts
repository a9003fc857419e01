import type { SimAccount } from '../accounts.js';
import { fmt8, ZERO } from '../decimal.js';
import type { SimTrade } from '../orders-store.js';

/** `GET /api/v3/account`. Commission integers are in units of 0.01 % (0.001 → 10). */
export function accountView(account: SimAccount, omitZeroBalances: boolean) {
  const balances = [...account.balances]
    .sort(([a], [b]) => a.localeCompare(b))
    .filter(([, b]) => !omitZeroBalances || !b.free.plus(b.locked).isZero())
    .map(([asset, b]) => ({ asset, free: fmt8(b.free), locked: fmt8(b.locked) }));
  return {
    makerCommission: account.makerRate.mul(10_000).toNumber(),
    takerCommission: account.takerRate.mul(10_000).toNumber(),
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: {
      maker: fmt8(account.makerRate),
      taker: fmt8(account.takerRate),
      buyer: fmt8(ZERO),
      seller: fmt8(ZERO),
    },
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: account.updateTime,
    accountType: 'SPOT',
    balances,
    permissions: ['SPOT'],
    uid: account.uid,
  };
}

/** One row of `GET /api/v3/myTrades`. */
export function tradeView(trade: SimTrade) {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
    price: fmt8(trade.price),
    qty: fmt8(trade.qty),
    quoteQty: fmt8(trade.quoteQty),
    commission: fmt8(trade.commission),
    commissionAsset: trade.commissionAsset,
    time: trade.time,
    isBuyer: trade.isBuyer,
    isMaker: trade.isMaker,
    isBestMatch: true,
  };
}
