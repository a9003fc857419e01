import { sql, type Kysely } from 'kysely';
import { createDb } from '../create-db.js';
import type { Database } from '../database.js';
import {
  canProvisionRoles,
  provisionRoles,
  type ProvisionRolesOptions,
} from './provision-roles.js';
import { OWNER_ROLE } from './roles.js';

/** Where migrations run: `db` acts as the owner; `close` ends what this opened (not the login's pool). */
export interface OwnerSession {
  readonly db: Kysely<Database>;
  /** Whether the roles were provisioned (the login may create roles). */
  readonly provisioned: boolean;
  close(): Promise<void>;
}

/** Migrations run as neither the owner nor an administrator: refused, with what to do instead. */
export class NotOwnerError extends Error {
  override readonly name = 'NotOwnerError';
  constructor(readonly login: string) {
    super(
      `DATABASE_URL logs in as "${login}", which is neither ${OWNER_ROLE} nor allowed to create roles: migrations run as ${OWNER_ROLE} (log in as it, or as a superuser that creates the roles first)`,
    );
  }
}

/**
 * A session for migrations on `url` (already reachable through `login`). An administrator's login
 * provisions the roles (idempotent) and gets a pool on the same URL that runs as the owner; the
 * owner's own login is used as it is; any other login is refused (NotOwnerError).
 */
export async function ownerSession(
  login: Kysely<Database>,
  url: string,
  options: ProvisionRolesOptions = {},
): Promise<OwnerSession> {
  if (await canProvisionRoles(login)) {
    await provisionRoles(login, options);
    const db = createDb({ url, max: 1, role: OWNER_ROLE });
    return { db, provisioned: true, close: () => db.destroy() };
  }
  const { rows } = await sql<{ who: string }>`select current_user as who`.execute(login);
  const who = String(rows[0]?.who);
  if (who !== OWNER_ROLE) throw new NotOwnerError(who);
  return { db: login, provisioned: false, close: async () => {} };
}
