/**
 * The database roles of livegate (cluster-wide in PostgreSQL). The owner owns the database, its
 * schemas and every object in them, and is the role migrations run as; each service logs in as its
 * own role, which owns nothing and holds only the grants of migration `0012_roles_service_grants`
 * (and the default privileges it sets for tables added later).
 */
export const OWNER_ROLE = 'livegate_owner';

export const SERVICE_ROLES = {
  execution: 'livegate_execution',
  reconciler: 'livegate_reconciler',
  arming: 'livegate_arming',
  gateway: 'livegate_gateway',
} as const;

export type ServiceName = keyof typeof SERVICE_ROLES;
export type ServiceRole = (typeof SERVICE_ROLES)[ServiceName];
export type LivegateRole = typeof OWNER_ROLE | ServiceRole;

export const LIVEGATE_ROLES: readonly LivegateRole[] = [
  OWNER_ROLE,
  ...Object.values(SERVICE_ROLES),
];

/**
 * `url` logging in as `role` instead of its user (the password is replaced by `password`, or
 * removed): how the runner, the harness and compose derive each service's DATABASE_URL.
 */
export function databaseUrlAs(url: string, role: string, password?: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = password ?? '';
  return u.toString();
}
