import { errors, fail, ok, type Outcome } from './errors.js';
import type { Params } from './params.js';

/** What every signed (TRADE / USER_DATA) endpoint reads besides its own parameters. */
export const SIGNED_PARAMS = ['recvWindow', 'timestamp', 'signature'] as const;

const NEW_ORDER = [
  'symbol',
  'side',
  'type',
  'timeInForce',
  'quantity',
  'quoteOrderQty',
  'price',
  'newClientOrderId',
  'strategyId',
  'strategyType',
  'stopPrice',
  'trailingDelta',
  'icebergQty',
  'newOrderRespType',
  'selfTradePreventionMode',
  'pegPriceType',
  'pegOffsetValue',
  'pegOffsetType',
] as const;

/**
 * The parameters each endpoint reads (Binance's spot REST docs, per endpoint); signed endpoints
 * also read SIGNED_PARAMS. Anything else sent is -1104.
 */
export const ENDPOINT_PARAMS = {
  ping: [],
  time: [],
  exchangeInfo: ['symbol', 'symbols', 'permissions', 'showPermissionSets', 'symbolStatus'],
  tickerPrice: ['symbol', 'symbols'],
  avgPrice: ['symbol'],
  newOrder: NEW_ORDER,
  testOrder: [...NEW_ORDER, 'computeCommissionRates'],
  cancelOrder: ['symbol', 'orderId', 'origClientOrderId', 'newClientOrderId', 'cancelRestrictions'],
  cancelOpenOrders: ['symbol'],
  getOrder: ['symbol', 'orderId', 'origClientOrderId'],
  openOrders: ['symbol'],
  allOrders: ['symbol', 'orderId', 'startTime', 'endTime', 'limit'],
  myTrades: ['symbol', 'orderId', 'startTime', 'endTime', 'fromId', 'limit'],
  account: ['omitZeroBalances'],
} as const satisfies Record<string, readonly string[]>;

/**
 * -1104 when a parameter the endpoint does not read was sent (misspelt or unknown): "read 'n'
 * parameter(s) but was sent 'm'", counting every distinct name sent.
 */
export function checkAllRead(params: Params, reads: readonly string[]): Outcome<true> {
  const read = [...params.keys()].filter((name) => reads.includes(name)).length;
  return read === params.size ? ok(true) : fail(errors.unreadParams(read, params.size));
}

const BOOLEAN = /^(true|false)$/;
export const BOOLEAN_RANGE = '^(true|false)$';

/** An optional `true` / `false` parameter; -1100 for anything else. */
export function booleanParam(params: Params, name: string): Outcome<boolean | undefined> {
  const raw = params.get(name);
  if (raw === undefined) return ok(undefined);
  if (!BOOLEAN.test(raw)) return fail(errors.illegalChars(name, BOOLEAN_RANGE));
  return ok(raw === 'true');
}
