/** Venue bodies shaped like Binance's (filters copied from live BTCUSDT / ETHBTC), for unit tests. */
export const btcusdtInfo = {
  symbol: 'BTCUSDT',
  status: 'TRADING',
  baseAsset: 'BTC',
  baseAssetPrecision: 8,
  quoteAsset: 'USDT',
  quotePrecision: 8,
  quoteAssetPrecision: 8,
  orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  quoteOrderQtyMarketAllowed: true,
  filters: [
    {
      filterType: 'PRICE_FILTER',
      minPrice: '0.01000000',
      maxPrice: '1000000.00000000',
      tickSize: '0.01000000',
    },
    {
      filterType: 'LOT_SIZE',
      minQty: '0.00001000',
      maxQty: '9000.00000000',
      stepSize: '0.00001000',
    },
    { filterType: 'ICEBERG_PARTS', limit: 10 },
    {
      filterType: 'MARKET_LOT_SIZE',
      minQty: '0.00000000',
      maxQty: '120.00000000',
      stepSize: '0.00000000',
    },
    {
      filterType: 'NOTIONAL',
      minNotional: '5.00000000',
      applyMinToMarket: true,
      maxNotional: '9000000.00000000',
      applyMaxToMarket: false,
      avgPriceMins: 5,
    },
    { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
  ],
};

export const ethbtcInfo = {
  ...btcusdtInfo,
  symbol: 'ETHBTC',
  baseAsset: 'ETH',
  quoteAsset: 'BTC',
  quoteAssetPrecision: undefined,
  quotePrecision: 8,
  quoteOrderQtyMarketAllowed: false,
  filters: [
    {
      filterType: 'PRICE_FILTER',
      minPrice: '0.00001000',
      maxPrice: '922327.00000000',
      tickSize: '0.00001000',
    },
    {
      filterType: 'LOT_SIZE',
      minQty: '0.00010000',
      maxQty: '100000.00000000',
      stepSize: '0.00010000',
    },
    {
      filterType: 'MIN_NOTIONAL',
      minNotional: '0.00010000',
      applyToMarket: false,
      avgPriceMins: 5,
    },
  ],
};

export const exchangeInfoBody = {
  timezone: 'UTC',
  serverTime: 1_700_000_000_000,
  rateLimits: [],
  symbols: [btcusdtInfo, ethbtcInfo],
};

export const accountBody = {
  makerCommission: 10,
  takerCommission: 10,
  buyerCommission: 0,
  sellerCommission: 0,
  canTrade: true,
  canWithdraw: false,
  canDeposit: false,
  updateTime: 1_700_000_000_000,
  accountType: 'SPOT',
  balances: [
    { asset: 'BTC', free: '1.00000000', locked: '0.00000000' },
    { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' },
  ],
  permissions: ['SPOT'],
};

export const placedBody = {
  symbol: 'BTCUSDT',
  orderId: 28,
  orderListId: -1,
  clientOrderId: 'lg-abc',
  transactTime: 1_700_000_000_100,
  price: '60000.00000000',
  origQty: '0.00100000',
  executedQty: '0.00000000',
  origQuoteOrderQty: '0.00000000',
  cummulativeQuoteQty: '0.00000000',
  status: 'NEW',
  timeInForce: 'GTC',
  type: 'LIMIT',
  side: 'BUY',
  workingTime: 1_700_000_000_100,
  selfTradePreventionMode: 'NONE',
  fills: [],
};

export const queriedBody = {
  symbol: 'BTCUSDT',
  orderId: 28,
  orderListId: -1,
  clientOrderId: 'lg-abc',
  price: '60000.00000000',
  origQty: '0.00100000',
  executedQty: '0.00000000',
  cummulativeQuoteQty: '0.00000000',
  status: 'NEW',
  timeInForce: 'GTC',
  type: 'LIMIT',
  side: 'BUY',
  stopPrice: '0.00000000',
  icebergQty: '0.00000000',
  time: 1_700_000_000_100,
  updateTime: 1_700_000_000_200,
  isWorking: true,
  workingTime: 1_700_000_000_100,
  origQuoteOrderQty: '0.00000000',
  selfTradePreventionMode: 'NONE',
};

export const canceledBody = {
  symbol: 'BTCUSDT',
  origClientOrderId: 'lg-abc',
  orderId: 28,
  orderListId: -1,
  clientOrderId: 'cancel-id-from-venue',
  transactTime: 1_700_000_000_300,
  price: '60000.00000000',
  origQty: '0.00100000',
  executedQty: '0.00000000',
  origQuoteOrderQty: '0.00000000',
  cummulativeQuoteQty: '0.00000000',
  status: 'CANCELED',
  timeInForce: 'GTC',
  type: 'LIMIT',
  side: 'BUY',
  selfTradePreventionMode: 'NONE',
};

export const tradeBody = {
  symbol: 'BTCUSDT',
  id: 7,
  orderId: 28,
  orderListId: -1,
  price: '60000.00000000',
  qty: '0.00100000',
  quoteQty: '60.00000000',
  commission: '0.00000100',
  commissionAsset: 'BTC',
  time: 1_700_000_000_400,
  isBuyer: true,
  isMaker: false,
  isBestMatch: true,
};
