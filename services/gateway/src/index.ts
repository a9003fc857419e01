export {
  createGateway,
  type CreateGatewayProps,
  type Gateway,
  type RunningGateway,
} from './create-gateway.js';
export { loadGatewayConfig, type GatewayConfig } from './config.js';
export type { GatewayBus } from './bus/gateway-bus.js';
export { SESSION_COOKIE } from './auth/session-cookie.js';
export { addOperator, addApiKey } from './cli/commands.js';
export { disableOperator, revokeApiKey } from './cli/revoke-commands.js';
