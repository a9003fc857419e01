import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_audit_log.js';
import * as m0002 from './0002_arming_state.js';
import * as m0003 from './0003_auth_credentials.js';
import * as m0004 from './0004_execution_orders.js';
import * as m0005 from './0005_reconcile_runs.js';
import * as m0006 from './0006_auth_login_failures.js';
import * as m0010 from './0010_auth_api_key_source.js';
import * as m0011 from './0011_auth_refusal_windows.js';
import * as m0012 from './0012_roles_service_grants.js';
import * as m0013 from './0013_execution_event_source.js';
import * as m0014 from './0014_execution_fence_and_outbox.js';
import * as m0017 from './0017_execution_source_scoped_keys.js';
import * as m0019 from './0019_risk_limits.js';
import * as m0025 from './0025_risk_default_source.js';
import * as m0026 from './0026_risk_strategy_pause.js';
import * as m0027 from './0027_execution_order_cancels.js';
import * as m0028 from './0028_money_balances.js';
import * as m0030 from './0030_money_execution_balances.js';

/**
 * Every migration, in order. Add a new one at the end as `NNNN_<owner>_<what>` (next number,
 * owner = the schema it belongs to: arming, execution, reconcile, ...). A table it creates gets the
 * grants of its schema's line in `0012_roles_service_grants` by default privileges; anything else
 * (another role, a narrower grant) is granted in the migration itself (see the README).
 */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_audit_log': m0001,
  '0002_arming_state': m0002,
  '0003_auth_credentials': m0003,
  '0004_execution_orders': m0004,
  '0005_reconcile_runs': m0005,
  '0006_auth_login_failures': m0006,
  '0010_auth_api_key_source': m0010,
  '0011_auth_refusal_windows': m0011,
  '0012_roles_service_grants': m0012,
  '0013_execution_event_source': m0013,
  '0014_execution_fence_and_outbox': m0014,
  '0017_execution_source_scoped_keys': m0017,
  '0019_risk_limits': m0019,
  '0025_risk_default_source': m0025,
  '0026_risk_strategy_pause': m0026,
  '0027_execution_order_cancels': m0027,
  '0028_money_balances': m0028,
  '0030_money_execution_balances': m0030,
});

/** A MigrationProvider over the imported modules above: no filesystem walk, works under any loader. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
