import { stpConfigOf } from './order-features.js';
import { ASSET_PRECISION, avgPriceMinsOf, type SymbolSpec } from './symbols.js';
import type { SimLimits } from './rate-limits.js';

const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET'] as const;

function notionalFilter(spec: SymbolSpec) {
  if (spec.notional.kind === 'MIN_NOTIONAL') {
    return {
      filterType: 'MIN_NOTIONAL',
      minNotional: spec.notional.minNotional,
      applyToMarket: true,
      avgPriceMins: avgPriceMinsOf(spec),
    };
  }
  return {
    filterType: 'NOTIONAL',
    minNotional: spec.notional.minNotional,
    applyMinToMarket: true,
    maxNotional: spec.notional.maxNotional,
    applyMaxToMarket: false,
    avgPriceMins: avgPriceMinsOf(spec),
  };
}

/** One `symbols[]` entry of `GET /api/v3/exchangeInfo`. */
export function symbolInfo(spec: SymbolSpec) {
  return {
    symbol: spec.symbol,
    status: 'TRADING',
    baseAsset: spec.baseAsset,
    baseAssetPrecision: ASSET_PRECISION,
    quoteAsset: spec.quoteAsset,
    quotePrecision: ASSET_PRECISION,
    quoteAssetPrecision: ASSET_PRECISION,
    baseCommissionPrecision: ASSET_PRECISION,
    quoteCommissionPrecision: ASSET_PRECISION,
    orderTypes: [...ORDER_TYPES],
    icebergAllowed: spec.icebergParts !== undefined,
    ocoAllowed: false,
    otoAllowed: false,
    opoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    amendAllowed: false,
    pegInstructionsAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', ...spec.priceFilter },
      { filterType: 'LOT_SIZE', ...spec.lotSize },
      ...(spec.icebergParts === undefined
        ? []
        : [{ filterType: 'ICEBERG_PARTS', limit: spec.icebergParts }]),
      { filterType: 'MARKET_LOT_SIZE', ...spec.marketLotSize },
      ...(spec.percentPriceBySide === undefined
        ? []
        : [
            {
              filterType: 'PERCENT_PRICE_BY_SIDE',
              ...spec.percentPriceBySide,
              avgPriceMins: avgPriceMinsOf(spec),
            },
          ]),
      notionalFilter(spec),
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: spec.maxNumOrders },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: stpConfigOf(spec).defaultMode,
    allowedSelfTradePreventionModes: [...stpConfigOf(spec).allowedModes],
  };
}

/** `rateLimits[]` as configured. */
export function rateLimitsInfo(limits: SimLimits) {
  return [
    {
      rateLimitType: 'REQUEST_WEIGHT',
      interval: 'MINUTE',
      intervalNum: 1,
      limit: limits.requestWeightPerMinute,
    },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: limits.ordersPer10s },
    { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: limits.ordersPerDay },
    { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
  ];
}

/** The body of `GET /api/v3/exchangeInfo` for the given symbols. */
export function exchangeInfo(specs: readonly SymbolSpec[], limits: SimLimits, serverTime: number) {
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: rateLimitsInfo(limits),
    exchangeFilters: [],
    symbols: specs.map(symbolInfo),
  };
}
