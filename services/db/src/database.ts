import type { AuditLogTable } from './audit/audit-log.table.js';

/** Every table, keyed `schema.table`; later migrations add their `*.table.ts` here. */
export interface Database {
  'audit.log': AuditLogTable;
}
