import type { SimAccount } from '../accounts.js';
import { fmt8 } from '../decimal.js';
import type { SimOrder } from '../orders-store.js';
import { orderQueryView } from '../order-views.js';
import type { SimAccountView, SimOrderView } from './schemas.js';

export function simOrderView(order: SimOrder): SimOrderView {
  return {
    apiKey: order.apiKey,
    ...orderQueryView(order),
    ...(order.cancelClientOrderId === undefined
      ? {}
      : { cancelClientOrderId: order.cancelClientOrderId }),
  };
}

export function simAccountView(account: SimAccount): SimAccountView {
  return {
    apiKey: account.apiKey,
    makerCommission: fmt8(account.makerRate),
    takerCommission: fmt8(account.takerRate),
    balances: Object.fromEntries(
      [...account.balances].map(([asset, b]) => [
        asset,
        { free: fmt8(b.free), locked: fmt8(b.locked) },
      ]),
    ),
  };
}
