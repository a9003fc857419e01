import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_audit_log.js';
import * as m0002 from './0002_arming_state.js';
import * as m0003 from './0003_auth_credentials.js';
import * as m0004 from './0004_execution_orders.js';
import * as m0005 from './0005_reconcile_runs.js';
import * as m0006 from './0006_auth_login_failures.js';
import * as m0007 from './0007_execution_fence_and_outbox.js';

/**
 * Every migration, in order. Add a new one at the end as `NNNN_<owner>_<what>` (next number,
 * owner = the schema it belongs to: arming, execution, reconcile, ...).
 */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_audit_log': m0001,
  '0002_arming_state': m0002,
  '0003_auth_credentials': m0003,
  '0004_execution_orders': m0004,
  '0005_reconcile_runs': m0005,
  '0006_auth_login_failures': m0006,
  '0007_execution_fence_and_outbox': m0007,
});

/** A MigrationProvider over the imported modules above: no filesystem walk, works under any loader. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
