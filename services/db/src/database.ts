import type { ArmTokensTable } from './arming/tokens.table.js';
import type { LiveSessionsTable } from './arming/live-sessions.table.js';
import type { OperatorFailuresTable } from './arming/operator-failures.table.js';
import type { ReconcileGateTable } from './arming/reconcile-gate.table.js';
import type { TradingStateTable } from './arming/trading-state.table.js';
import type { AuditLogTable } from './audit/audit-log.table.js';
import type { ApiKeysTable } from './auth/api-keys.table.js';
import type { LoginFailuresTable } from './auth/login-failures.table.js';
import type { OperatorsTable } from './auth/operators.table.js';
import type { RefusalWindowsTable } from './auth/refusal-windows.table.js';
import type { SessionsTable } from './auth/sessions.table.js';
import type {
  ExecutionFillsTable,
  ExecutionOrderCancelsTable,
  ExecutionOrderEventsTable,
  ExecutionOrdersTable,
} from './execution/orders.table.js';
import type { MoneyBalanceSnapshotsTable, MoneyBalancesTable } from './money/balances.table.js';
import type { OutboxMessagesTable } from './outbox/outbox.table.js';
import type { ReconcileExternalOrdersTable, ReconcileRunsTable } from './reconcile/runs.table.js';
import type {
  RiskLimitProposalsTable,
  RiskLimitsTable,
  RiskPausedTable,
} from './risk/limits.table.js';

/** Every table, keyed `schema.table`; later migrations add their `*.table.ts` here. */
export interface Database {
  'audit.log': AuditLogTable;
  'arming.trading_state': TradingStateTable;
  'arming.tokens': ArmTokensTable;
  'arming.live_sessions': LiveSessionsTable;
  'arming.operator_failures': OperatorFailuresTable;
  'arming.reconcile_gate': ReconcileGateTable;
  'auth.operators': OperatorsTable;
  'auth.sessions': SessionsTable;
  'auth.api_keys': ApiKeysTable;
  'auth.login_failures': LoginFailuresTable;
  'auth.refusal_windows': RefusalWindowsTable;
  'execution.orders': ExecutionOrdersTable;
  'execution.fills': ExecutionFillsTable;
  'execution.order_events': ExecutionOrderEventsTable;
  'execution.order_cancels': ExecutionOrderCancelsTable;
  'reconcile.runs': ReconcileRunsTable;
  'reconcile.external_orders': ReconcileExternalOrdersTable;
  'outbox.messages': OutboxMessagesTable;
  'risk.limits': RiskLimitsTable;
  'risk.limit_proposals': RiskLimitProposalsTable;
  'risk.paused': RiskPausedTable;
  'money.balance_snapshots': MoneyBalanceSnapshotsTable;
  'money.balances': MoneyBalancesTable;
}
