export { connectBus, type Bus, type ConnectBusOptions } from './bus.js';
export { busEnv } from './bus-env.js';
export type { Consumer, ConsumeOptions } from './consume.js';
export type { InvalidMessage } from './decode.js';
export {
  BusConnectError,
  BusError,
  BusNoRespondersError,
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
