import { sql } from 'kysely';
import type { Db } from './operators.repository.js';

/** Writes a sign-in attempt as a failure (until `forgetAttempt`); returns its row id. */
export async function recordAttempt(
  db: Db,
  { name, address, at }: { name: string; address: string | undefined; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('auth.login_failures')
    .values({ name, address: address ?? null, at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The attempt was right: it is not a failure. */
export async function forgetAttempt(db: Db, id: string): Promise<void> {
  await db.deleteFrom('auth.login_failures').where('id', '=', id).execute();
}

/** Failures after `since` for the name, and for the address (0 when it is unknown). */
export async function countFailures(
  db: Db,
  { name, address, since }: { name: string; address: string | undefined; since: Date },
): Promise<{ byName: number; byAddress: number }> {
  const { rows } = await sql<{ by_name: number; by_address: number }>`
    select count(*) filter (where name = ${name})::int as by_name,
           count(*) filter (where address = ${address ?? null})::int as by_address
    from auth.login_failures
    where at > ${since} and (name = ${name} or address = ${address ?? null})`.execute(db);
  const [counts] = rows as [{ by_name: number; by_address: number }];
  return { byName: counts.by_name, byAddress: counts.by_address };
}

/**
 * When the failures of `key` drop below `limit`: the oldest of its newest `limit` failures after
 * `since` (it ages out first); `since` itself when there are none.
 */
export async function oldestCounted(
  db: Db,
  {
    key,
    value,
    since,
    limit,
  }: { key: 'name' | 'address'; value: string; since: Date; limit: number },
): Promise<Date> {
  const { rows } = await sql<{ oldest: Date }>`
    select coalesce(min(at), ${since}) as oldest from (
      select at from auth.login_failures where ${sql.ref(key)} = ${value} and at > ${since}
      order by at desc limit ${limit}) newest`.execute(db);
  return new Date((rows as [{ oldest: Date }])[0].oldest);
}

/** Failures at or before `before` no longer count: removes them. */
export async function pruneFailures(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('auth.login_failures').where('at', '<=', before).execute();
}
