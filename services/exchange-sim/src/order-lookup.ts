import { errors, fail, ok, type Outcome } from './errors.js';
import { clientOrderIdParam } from './order-request.js';
import { isOpen, type OrdersStore, type SimOrder } from './orders-store.js';
import type { Params } from './params.js';

const INTEGER = /^\d{1,20}$/;
export const INTEGER_RANGE = '^[0-9]{1,20}$';

/** An optional integer parameter; -1100 when it is not digits. */
export function integerParam(params: Params, name: string): Outcome<number | undefined> {
  const raw = params.get(name);
  if (raw === undefined) return ok(undefined);
  if (!INTEGER.test(raw)) return fail(errors.illegalChars(name, INTEGER_RANGE));
  return ok(Number(raw));
}

/**
 * The order named by `orderId` and/or `origClientOrderId` on this account and symbol. With both,
 * `orderId` decides and the client id must match it (-2039). A client id reused over time
 * names the open order if there is one, else the latest. Not found: -2011 on cancel, -2013 on query.
 * `visible` narrows what the lookup can see (a query path lagging behind the matching engine).
 */
export function findOrder(
  store: OrdersStore,
  scope: { apiKey: string; symbol: string },
  params: Params,
  purpose: 'cancel' | 'query',
  visible: (order: SimOrder) => boolean = () => true,
): Outcome<SimOrder> {
  const orderId = integerParam(params, 'orderId');
  if (!orderId.ok) return orderId;
  const clientId = clientOrderIdParam(params, 'origClientOrderId');
  if (!clientId.ok) return clientId;
  if (orderId.value === undefined && clientId.value === undefined) {
    return fail(errors.eitherRequired('origClientOrderId', 'orderId'));
  }
  const notFound = purpose === 'cancel' ? errors.unknownOrderCancel() : errors.noSuchOrder();
  const mine = store.list(scope).filter(visible);
  if (orderId.value !== undefined) {
    const order = mine.find((o) => o.orderId === orderId.value);
    if (order === undefined) return fail(notFound);
    if (clientId.value !== undefined && clientId.value !== order.clientOrderId) {
      return fail(errors.clientOrderIdMismatch());
    }
    return ok(order);
  }
  const named = mine.filter((o) => o.clientOrderId === clientId.value);
  const order = named.find(isOpen) ?? named.at(-1);
  return order === undefined ? fail(notFound) : ok(order);
}
