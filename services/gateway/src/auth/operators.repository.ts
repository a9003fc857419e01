import type { Database } from '@livegate/db';
import type { OperatorRole } from '@livegate/contracts';
import type { Kysely } from 'kysely';
import { hashPassword } from './password.js';

export type Db = Kysely<Database>;

export interface OperatorCredentials {
  readonly name: string;
  readonly role: OperatorRole;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

/** Adds an operator with a freshly salted scrypt hash; `false` when the name is taken. */
export async function insertOperator(
  db: Db,
  { name, role, password }: { name: string; role: OperatorRole; password: string },
): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const inserted = await db
    .insertInto('auth.operators')
    .values({ name, role, password_hash: passwordHash, disabled_at: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('name')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findOperator(db: Db, name: string): Promise<OperatorCredentials | undefined> {
  const row = await db
    .selectFrom('auth.operators')
    .select(['name', 'role', 'password_hash', 'disabled_at'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        name: row.name,
        role: row.role,
        passwordHash: row.password_hash,
        disabled: row.disabled_at !== null,
      };
}
