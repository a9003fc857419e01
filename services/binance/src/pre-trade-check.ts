import { Decimal } from 'decimal.js';
import type { VenueBalance } from './account.js';
import type { SymbolInfo } from './exchange-info.js';
import type { PlaceOrderRequest } from './order-request.js';
import type { LocalRejected, PreTradeRejectCode } from './outcome.js';

const D = Decimal.clone({ precision: 60 });
type Dec = InstanceType<typeof D>;

const show = (value: Dec | string) => new D(value).toFixed();

function refuse(code: PreTradeRejectCode, detail: string): LocalRejected {
  return { kind: 'rejected', source: 'local', code, message: `${code}: ${detail}` };
}

function decimalsWritten(value: string): number {
  return value.split('.')[1]?.length ?? 0;
}

/** min ≤ value ≤ max and value % step == 0; a zero bound or step disables that rule (Binance's rule). */
function rangeProblem(
  name: string,
  value: string,
  min: string,
  max: string,
  step: string,
): string | undefined {
  const v = new D(value);
  if (!new D(min).isZero() && v.lt(min))
    return `${name} ${value} is below the minimum ${show(min)}`;
  if (!new D(max).isZero() && v.gt(max))
    return `${name} ${value} is above the maximum ${show(max)}`;
  if (!new D(step).isZero() && !v.mod(step).isZero())
    return `${name} ${value} is not a multiple of ${show(step)}`;
  return undefined;
}

function precisionProblem(order: PlaceOrderRequest, symbol: SymbolInfo): string | undefined {
  const fields = [
    ['price', order.price, symbol.quoteAssetPrecision],
    ['quantity', order.quantity, symbol.baseAssetPrecision],
    ['quoteOrderQty', order.quoteOrderQty, symbol.quoteAssetPrecision],
  ] as const;
  for (const [name, value, places] of fields) {
    if (value !== undefined && decimalsWritten(value) > places) {
      return `${name} ${value} has more than ${places} decimal places`;
    }
  }
  return undefined;
}

/**
 * The checks that need nothing but the symbol's rules: order type, PRECISION, PRICE_FILTER,
 * LOT_SIZE (every order with a quantity), MARKET_LOT_SIZE (MARKET), MAX_NUM_ORDERS (when the number
 * of open orders on the symbol is known). Values are compared in decimal and never rounded.
 */
export function checkRules(
  order: PlaceOrderRequest,
  symbol: SymbolInfo,
  openOrderCount?: number,
): LocalRejected | undefined {
  if (symbol.orderTypes.length > 0 && !symbol.orderTypes.includes(order.type)) {
    return refuse('INVALID_INTENT', `${order.type} orders are not allowed on ${symbol.symbol}`);
  }
  if (order.quoteOrderQty !== undefined && !symbol.quoteOrderQtyMarketAllowed) {
    return refuse(
      'INVALID_INTENT',
      `quoteOrderQty MARKET orders are not allowed on ${symbol.symbol}`,
    );
  }
  const precision = precisionProblem(order, symbol);
  if (precision !== undefined) return refuse('PRECISION', precision);
  const { priceFilter, lotSize, marketLotSize, maxNumOrders } = symbol.filters;
  if (order.price !== undefined && priceFilter !== undefined) {
    const p = rangeProblem(
      'price',
      order.price,
      priceFilter.minPrice,
      priceFilter.maxPrice,
      priceFilter.tickSize,
    );
    if (p !== undefined) return refuse('PRICE_FILTER', p);
  }
  if (order.quantity !== undefined && lotSize !== undefined) {
    const p = rangeProblem(
      'quantity',
      order.quantity,
      lotSize.minQty,
      lotSize.maxQty,
      lotSize.stepSize,
    );
    if (p !== undefined) return refuse('LOT_SIZE', p);
  }
  if (order.type === 'MARKET' && order.quantity !== undefined && marketLotSize !== undefined) {
    const { minQty, maxQty, stepSize } = marketLotSize;
    const p = rangeProblem('quantity', order.quantity, minQty, maxQty, stepSize);
    if (p !== undefined) return refuse('MARKET_LOT_SIZE', p);
  }
  if (
    openOrderCount !== undefined &&
    maxNumOrders !== undefined &&
    openOrderCount >= maxNumOrders.maxNumOrders
  ) {
    return refuse(
      'MAX_NUM_ORDERS',
      `${openOrderCount} orders are open on ${symbol.symbol}, the maximum is ${maxNumOrders.maxNumOrders}`,
    );
  }
  return undefined;
}

/** True when the checks after {@link checkRules} need a reference price (MARKET orders). */
export function needsReferencePrice(order: PlaceOrderRequest): boolean {
  return order.type === 'MARKET' && (order.quantity !== undefined || order.side === 'SELL');
}

/** Order value in the quote asset: price × quantity, quoteOrderQty, or for MARKET quantity × reference price. */
function notionalOf(order: PlaceOrderRequest, referencePrice: string | undefined): Dec {
  if (order.quoteOrderQty !== undefined) return new D(order.quoteOrderQty);
  return new D(order.quantity as string).mul((order.price ?? referencePrice) as string);
}

/**
 * MIN_NOTIONAL and NOTIONAL. A MARKET order is valued at `referencePrice` (the venue's average or
 * last price) or its quoteOrderQty, and only where the filter applies to MARKET orders.
 */
export function checkNotional(
  order: PlaceOrderRequest,
  symbol: SymbolInfo,
  referencePrice: string | undefined,
): LocalRejected | undefined {
  const notional = notionalOf(order, referencePrice);
  const market = order.type === 'MARKET';
  const { minNotional, notional: nf } = symbol.filters;
  const at =
    market && order.quoteOrderQty === undefined ? ` at reference price ${referencePrice}` : '';
  if (
    minNotional !== undefined &&
    (!market || minNotional.applyToMarket) &&
    notional.lt(minNotional.minNotional)
  ) {
    return refuse(
      'MIN_NOTIONAL',
      `notional ${show(notional)}${at} is below ${show(minNotional.minNotional)}`,
    );
  }
  if (nf !== undefined) {
    if ((!market || nf.applyMinToMarket) && notional.lt(nf.minNotional)) {
      return refuse('NOTIONAL', `notional ${show(notional)}${at} is below ${show(nf.minNotional)}`);
    }
    const max = new D(nf.maxNotional);
    if ((!market || nf.applyMaxToMarket) && !max.isZero() && notional.gt(max)) {
      return refuse('NOTIONAL', `notional ${show(notional)}${at} is above ${show(max)}`);
    }
  }
  return undefined;
}

/**
 * The free balance of the asset the order spends must cover its cost plus commission at the taker
 * rate: BUY spends quote (price × quantity, or quoteOrderQty, or quantity × reference price), SELL
 * spends base (quantity, or quoteOrderQty / reference price). Deliberately conservative by one fee.
 */
export function checkBalance(
  order: PlaceOrderRequest,
  symbol: SymbolInfo,
  referencePrice: string | undefined,
  balances: ReadonlyMap<string, VenueBalance>,
  takerRate: string,
): LocalRejected | undefined {
  const buy = order.side === 'BUY';
  const asset = buy ? symbol.quoteAsset : symbol.baseAsset;
  const cost = buy
    ? notionalOf(order, referencePrice)
    : order.quantity !== undefined
      ? new D(order.quantity)
      : new D(order.quoteOrderQty as string).div(referencePrice as string);
  const places = buy ? symbol.quoteAssetPrecision : symbol.baseAssetPrecision;
  const needed = cost.mul(new D(1).plus(takerRate)).toDecimalPlaces(places, Decimal.ROUND_UP);
  const free = new D(balances.get(asset)?.free ?? '0');
  if (free.gte(needed)) return undefined;
  return refuse(
    'INSUFFICIENT_BALANCE',
    `needs ${show(needed)} ${asset} (cost plus commission at ${show(takerRate)}), free is ${show(free)}`,
  );
}
