export {
  createBinanceSpotAdapter,
  type BinanceSpotAdapter,
  type CreateBinanceSpotAdapterOptions,
  type AllOrdersQuery,
  type OrderRef,
  type SendOrderOptions,
  type TradesQuery,
} from './adapter.js';
export { CLIENT_ORDER_ID_PREFIX, clientOrderIdFor, isOurClientOrderId } from './client-order-id.js';
export { placeOrderRequestSchema, type PlaceOrderRequest } from './order-request.js';
export type { CheckOutcome, PlaceOrderOptions, Ready } from './place-order.js';
export type {
  BudgetExhausted,
  ConfigFault,
  Duplicate,
  LocalRejected,
  LookupOutcome,
  NotFound,
  NotSigned,
  Ok,
  Placed,
  PlaceOutcome,
  PreTradeRejectCode,
  QueryOutcome,
  RateLimited,
  SendOutcome,
  Unavailable,
  Unknown,
  UnknownCause,
  VenueFailure,
  VenueRejected,
} from './outcome.js';
export {
  TERMINAL_STATUSES,
  type VenueFill,
  type VenueOrder,
  type VenueOrderStatus,
  type VenueTrade,
} from './venue-order.js';
export type { ExchangeInfo, SymbolFilters, SymbolInfo } from './exchange-info.js';
export type { AccountInfo, VenueBalance } from './account.js';
export {
  venueConfigSchema,
  VenueConfigError,
  type VenueConfig,
  type VenueConfigInput,
} from './venue-config.js';
export type { VenueHealth } from './venue-health.js';
export {
  readsYieldToOrders,
  venueBudgetEnv,
  venueStreamEnv,
  venueTimingEnv,
  venuesAreDistinct,
  venuesFromEnv,
  type VenueEnv,
  type VenueEnvSettings,
} from './venue-env.js';
export { createVenueAdapters } from './venue-adapters.js';
export { createLibraryClient, type SpotClient } from './spot-client.js';
export { venueOrderToRow, type VenueOrderRowFields } from './venue-order-to-row.js';
export { notPlacedDecidable, notPlacedWaitMs, type NotPlacedInput } from './not-placed.js';
export {
  openUserDataStream,
  type ResyncReason,
  type UserDataStream,
  type UserDataStreamProps,
} from './user-data-stream.js';
export type {
  AccountPosition,
  BalanceUpdate,
  ExecutionReport,
  UserDataEvent,
} from './user-data-events.js';
export { STREAM_BACKOFF, STREAM_SILENCE_DEFAULT_MS } from './reconnecting-socket.js';
export type { StreamStatus, UserDataListener } from './venue-streams.js';
export { openPriceView, type MarketStreamProps, type PriceView } from './market-stream.js';
export { advancedState, movesForward, type OrderProgress } from './order-progress.js';
export type { BudgetNote, BudgetShare } from './venue-budget.js';
export {
  BINANCE_SPOT_BUDGET,
  createWeightBudget,
  weightOfCall,
  type BudgetClass,
  type BudgetSnapshot,
} from './weight-budget.js';
