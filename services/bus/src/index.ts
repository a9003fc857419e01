export { connectBus, type Bus, type ConnectBusOptions } from './bus.js';
export { connectBusWhenReady } from './connect-when-ready.js';
export { busEnv } from './bus-env.js';
export { isTransientBusError } from './connect-error.js';
export { busAuthEnv, busAuthFromEnv, type BusAuthEnv } from './auth/auth-env.js';
export {
  loadOrCreateBusCredentials,
  readBusCredentials,
  writeNatsDeployment,
  type NatsDeploymentProps,
} from './auth/credentials-file.js';
export {
  BUS_SERVICES,
  identityName,
  inboxPrefixOf,
  type BusIdentity,
  type BusService,
} from './auth/identity.js';
export { busPermissions, type BusPermissions } from './auth/permissions.js';
export {
  natsServerConfig,
  type NatsServerConfigProps,
  type ServerUser,
} from './auth/server-config.js';
export {
  busAuthOf,
  busCredentialsSchema,
  busUserSchema,
  createBusUsers,
  findBusUser,
  nkeySeedSchema,
  serverUserOf,
  type BusAuth,
  type BusCredentials,
  type BusUser,
  type CreateBusUsersProps,
} from './auth/credentials.js';
export type { Consumer, ConsumeOptions } from './consume.js';
export type { InvalidMessage } from './decode.js';
export {
  BusConnectError,
  BusError,
  BusNoRespondersError,
  BusPermissionError,
  BusTimeoutError,
  BusValidationError,
  type BusErrorCode,
} from './errors.js';
export type { MessageControl } from './message-control.js';
export type { PublishOptions, PublishResult } from './publish.js';
export type { Server, ServeOptions } from './request-reply.js';
export {
  announceCommitted,
  publishAuditEvent,
  type AnnounceOptions,
  type Committed,
  type PublishingBus,
} from './announce.js';
export {
  createOutboxRelay,
  type OutboxRelay,
  type OutboxRelayOptions,
  type RelayKind,
  type RelayMessage,
  type RelayOutbox,
} from './outbox-relay.js';
export { createBudgetShare, type VenueBudgetShare } from './budget-share.js';
export { publishBalancesStored, subscribeBalancesStored } from './money-notice.js';
