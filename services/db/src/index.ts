export { createDb, type CreateDbProps } from './create-db.js';
export { checkDb } from './check-db.js';
export { openDb, openDbWhenReady, type OpenDbProps } from './open-db.js';
export { DbConnectError, isTransientDbError, type DbConnectErrorCode } from './db-connect-error.js';
export { DEFAULT_DATABASE_URL, redactDatabaseUrl } from './database-url.js';
export { databaseEnv, serviceDatabaseEnv } from './config.js';
export {
  migrateDown,
  migrateToLatest,
  type MigrationOutcome,
  type MigrationStep,
  type MigrationLogger,
} from './migrate.js';
export { migrationProvider, migrations } from './migrations/index.js';
export {
  LIVEGATE_ROLES,
  OWNER_ROLE,
  SERVICE_ROLES,
  databaseUrlAs,
  type LivegateRole,
  type ServiceName,
  type ServiceRole,
} from './roles/roles.js';
export {
  canProvisionRoles,
  provisionRoles,
  type ProvisionRolesOptions,
} from './roles/provision-roles.js';
export { NotOwnerError, ownerSession, type OwnerSession } from './roles/owner-session.js';
export type { Database } from './database.js';
export type { AuditLogTable, AuditRow, JsonObject, JsonValue } from './audit/audit-log.table.js';
export type { TradingStateTable, TradingStateRow } from './arming/trading-state.table.js';
export type { ArmTokensTable, ArmTokenRow } from './arming/tokens.table.js';
export type { LiveSessionsTable, LiveSessionRow } from './arming/live-sessions.table.js';
export type {
  OperatorFailuresTable,
  OperatorFailureRow,
} from './arming/operator-failures.table.js';
export type { ReconcileGateTable, ReconcileGateRow } from './arming/reconcile-gate.table.js';
export type { LoginFailuresTable, LoginFailureRow } from './auth/login-failures.table.js';
export type { RefusalWindowsTable, RefusalWindowRow } from './auth/refusal-windows.table.js';
export type {
  ExecutionFillRow,
  ExecutionFillsTable,
  ExecutionOrderEventRow,
  ExecutionOrderCancelsTable,
  ExecutionOrderCancelRow,
  ExecutionOrderEventsTable,
  ExecutionOrderRow,
  ExecutionOrdersTable,
  ExecutionOrderUpdate,
  NewExecutionFill,
  NewExecutionOrder,
} from './execution/orders.table.js';
export type {
  ReconcileExternalOrderRow,
  ReconcileExternalOrdersTable,
  ReconcileRunRow,
  ReconcileRunsTable,
} from './reconcile/runs.table.js';
export { toAuditEvent } from './audit/audit-event.js';
export {
  EXCHANGE_REJECTED_MESSAGE,
  eventStamp,
  orderEventFromRow,
  venueChangeSpec,
  type EventStamp,
  type OrderEventRow,
  type OrderEventSpec,
} from './execution/order-event.js';
export { insertOrderEvent } from './execution/order-events.repository.js';
export { fillRow, insertFills, type TradeToStore } from './execution/fills.repository.js';
export {
  cancelOutcomeEventFromRow,
  cancelRecordFromRow,
  type OrderCancelRecordRow,
} from './execution/order-cancel.js';
export {
  appendAudit,
  verifyAuditChain,
  type AuditAppend,
  type AuditChainCheck,
} from './audit/audit.repository.js';
export type { OutboxMessagesTable, OutboxMessageRow } from './outbox/outbox.table.js';
export type {
  RiskLimitsTable,
  RiskLimitRow,
  RiskLimitProposalsTable,
  RiskLimitProposalRow,
  RiskPausedTable,
  RiskPausedRow,
} from './risk/limits.table.js';
export {
  createOutboxStore,
  queueModeChange,
  type DrainResult,
  type OutboxKind,
  type OutboxMessage,
  type OutboxStore,
} from './outbox/outbox.repository.js';
export { dbNow } from './db-clock.js';
export type {
  MoneyBalanceRow,
  MoneyBalancesTable,
  MoneyBalanceSnapshotRow,
  MoneyBalanceSnapshotsTable,
} from './money/balances.table.js';
export {
  recordBalances,
  recordStreamBalances,
  type BalanceInput,
} from './money/balances.repository.js';
