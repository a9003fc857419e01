/**
 * The families of audit kinds the services write (`<service>.<what>`), offered as filters on the audit
 * page. `audit-kinds.test.ts` reads the services' code: each prefix must match a kind they write, and
 * every kind they write must fall under one prefix.
 */
export const AUDIT_KIND_PREFIXES = [
  'arming.*',
  'auth.*',
  'execution.*',
  'order.*',
  'reconcile.*',
  'risk.*',
  'http.*',
] as const;
