export { startExchangeSim, type SimHandle, type StartExchangeSimOptions } from './server.js';
export {
  createSimAdmin,
  SimAdminError,
  type SimAdmin,
  type SimPriceResult,
} from './admin-client.js';
export { ADMIN_TOKEN_HEADER } from './admin/routes.js';
export {
  FAULT_KINDS,
  READ_LAG_PATHS,
  type CreateAccountBody,
  type DepthBody,
  type FaultKind,
  type FaultSpec,
  type FillBody,
  type FundBody,
  type LiquidityBody,
  type PendingFault,
  type PriceBody,
  type ReadLagPath,
  type SimAccountView,
  type SimBalanceView,
  type SimBookView,
  type SimCredentials,
  type SimOrderView,
  type SimRequestRecord,
  type SimWsStatus,
  type WsDropBody,
  type WsGapBody,
} from './admin/schemas.js';
export { DEFAULT_LIMITS, type SimLimits } from './rate-limits.js';
export { DEFAULT_SYMBOLS, type SymbolSpec } from './symbols.js';
export type { RandomWalkOptions } from './random-walk.js';
export type { WsHubOptions } from './ws/hub.js';
export { hmacSha256Hex } from './signing.js';
export { loadSimConfig, type SimConfig } from './config.js';
export {
  simStartAccountSchema,
  simStartAccountsSchema,
  simStartPricesSchema,
  type SimStartAccount,
  type SimStartPrices,
} from './start-state.js';
