import { LIVE_STP, type StpConfig } from './order-features.js';
import { LIVE_PERCENT_PRICE_BY_SIDE, type PercentPriceBySide } from './price-band.js';

/** Trading rules of one listed symbol, as decimal strings (the exchangeInfo filters). */
export interface SymbolSpec {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly priceFilter: {
    readonly minPrice: string;
    readonly maxPrice: string;
    readonly tickSize: string;
  };
  readonly lotSize: { readonly minQty: string; readonly maxQty: string; readonly stepSize: string };
  readonly marketLotSize: {
    readonly minQty: string;
    readonly maxQty: string;
    readonly stepSize: string;
  };
  /** `NOTIONAL` (current Binance) or the older `MIN_NOTIONAL`, both enforced. */
  readonly notional:
    | { readonly kind: 'NOTIONAL'; readonly minNotional: string; readonly maxNotional: string }
    | { readonly kind: 'MIN_NOTIONAL'; readonly minNotional: string };
  readonly maxNumOrders: number;
  readonly quoteOrderQtyMarketAllowed: boolean;
  /** Last price at start-up and after a reset. */
  readonly initialPrice: string;
  /** ICEBERG_PARTS limit; present means `icebergAllowed` (absent: iceberg orders refused). */
  readonly icebergParts?: number;
  /** Default and allowed STP modes (absent: EXPIRE_MAKER, all five). */
  readonly selfTradePrevention?: StpConfig;
  /** The PERCENT_PRICE_BY_SIDE band; absent: no band. */
  readonly percentPriceBySide?: PercentPriceBySide;
  /** Minutes the average price (`GET /api/v3/avgPrice`, the price bands) spans; default 5. */
  readonly avgPriceMins?: number;
}

export const DEFAULT_AVG_PRICE_MINS = 5;
/** ICEBERG_PARTS on live spot symbols since 2026-03-12. */
export const LIVE_ICEBERG_PARTS = 100;
export const avgPriceMinsOf = (spec: SymbolSpec): number =>
  spec.avgPriceMins ?? DEFAULT_AVG_PRICE_MINS;

/** Binance asset precision: every listed asset uses 8 decimals. */
export const ASSET_PRECISION = 8;

const usdt = (
  symbol: string,
  baseAsset: string,
  step: string,
  maxQty: string,
  marketMaxQty: string,
  initialPrice: string,
): SymbolSpec => ({
  symbol,
  baseAsset,
  quoteAsset: 'USDT',
  priceFilter: { minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
  lotSize: { minQty: step, maxQty, stepSize: step },
  marketLotSize: { minQty: '0.00000000', maxQty: marketMaxQty, stepSize: '0.00000000' },
  notional: { kind: 'NOTIONAL', minNotional: '5.00000000', maxNotional: '9000000.00000000' },
  maxNumOrders: 200,
  quoteOrderQtyMarketAllowed: true,
  initialPrice,
  percentPriceBySide: LIVE_PERCENT_PRICE_BY_SIDE,
  avgPriceMins: DEFAULT_AVG_PRICE_MINS,
  icebergParts: LIVE_ICEBERG_PARTS,
  selfTradePrevention: LIVE_STP,
});

/** The symbols the simulator lists, with filters copied from live Binance spot. */
export const DEFAULT_SYMBOLS: readonly SymbolSpec[] = [
  usdt('BTCUSDT', 'BTC', '0.00001000', '9000.00000000', '120.00000000', '60000.00'),
  usdt('ETHUSDT', 'ETH', '0.00010000', '9000.00000000', '3000.00000000', '3000.00'),
  usdt('BNBUSDT', 'BNB', '0.00100000', '9000.00000000', '1000.00000000', '600.00'),
  {
    symbol: 'ETHBTC',
    baseAsset: 'ETH',
    quoteAsset: 'BTC',
    priceFilter: { minPrice: '0.00001000', maxPrice: '922327.00000000', tickSize: '0.00001000' },
    lotSize: { minQty: '0.00010000', maxQty: '100000.00000000', stepSize: '0.00010000' },
    marketLotSize: { minQty: '0.00000000', maxQty: '2000.00000000', stepSize: '0.00000000' },
    notional: { kind: 'MIN_NOTIONAL', minNotional: '0.00010000' },
    maxNumOrders: 200,
    quoteOrderQtyMarketAllowed: true,
    initialPrice: '0.05000',
    percentPriceBySide: LIVE_PERCENT_PRICE_BY_SIDE,
    avgPriceMins: DEFAULT_AVG_PRICE_MINS,
    // Live ETHBTC allows icebergs; here it does not, so the refusal is reachable.
    selfTradePrevention: LIVE_STP,
  },
];
