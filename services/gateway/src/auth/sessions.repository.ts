import type { OperatorRole } from '@livegate/contracts';
import type { Db } from './operators.repository.js';
import { randomSecret, sha256Hex } from './secrets.js';

export interface ActiveSession {
  /** sha256 of the cookie value: the row id, never shown to anyone. */
  readonly id: string;
  readonly operator: string;
  readonly role: OperatorRole;
  readonly expiresAt: Date;
}

/** Starts a session; returns the cookie value (only its hash is stored) and the expiry. */
export async function createSession(
  db: Db,
  { operator, now, ttlS }: { operator: string; now: Date; ttlS: number },
): Promise<{ cookieValue: string; id: string; expiresAt: Date }> {
  const cookieValue = randomSecret();
  const id = sha256Hex(cookieValue);
  const expiresAt = new Date(now.getTime() + ttlS * 1000);
  await db
    .insertInto('auth.sessions')
    .values({ id, operator, created_at: now, expires_at: expiresAt, revoked_at: null })
    .execute();
  return { cookieValue, id, expiresAt };
}

/** The session behind a cookie value: not revoked, not expired at `now`, operator not disabled. */
export async function findActiveSessionById(
  db: Db,
  id: string,
  now: Date,
): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('auth.sessions as s')
    .innerJoin('auth.operators as o', 'o.name', 's.operator')
    .select(['s.id', 's.operator', 'o.role', 's.expires_at'])
    .where('s.id', '=', id)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('o.disabled_at', 'is', null)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { id: row.id, operator: row.operator, role: row.role, expiresAt: row.expires_at };
}

export function findActiveSession(db: Db, cookieValue: string, now: Date) {
  return findActiveSessionById(db, sha256Hex(cookieValue), now);
}

export async function revokeSession(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('auth.sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
