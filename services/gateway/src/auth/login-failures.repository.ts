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

export interface FailureCounts {
  /** Of the name, from every address. */
  readonly byName: number;
  /** Of the name from this address (an unknown address is one address of its own). */
  readonly byPair: number;
  /** From this address, every name (0 when the address is unknown). */
  readonly byAddress: number;
}

/** Failures after `since`: of the name, of the name from the address, and of the address. */
export async function countFailures(
  db: Db,
  { name, address, since }: { name: string; address: string | undefined; since: Date },
): Promise<FailureCounts> {
  const from = address ?? null;
  const { rows } = await sql<{ by_name: number; by_pair: number; by_address: number }>`
    select count(*) filter (where name = ${name})::int as by_name,
           count(*) filter (where name = ${name} and address is not distinct from ${from})::int as by_pair,
           count(*) filter (where address = ${from})::int as by_address
    from auth.login_failures
    where at > ${since} and (name = ${name} or address = ${from})`.execute(db);
  const [counts] = rows as [{ by_name: number; by_pair: number; by_address: number }];
  return { byName: counts.by_name, byPair: counts.by_pair, byAddress: counts.by_address };
}

/** Which failures a lock counts: the name from one address, or one address for every name. */
export type FailureScope =
  | { readonly key: 'pair'; readonly name: string; readonly address: string | undefined }
  | { readonly key: 'address'; readonly address: string };

/**
 * When the failures of `scope` drop below `limit`: the oldest of its newest `limit` failures after
 * `since` (it ages out first); `since` itself when there are none.
 */
export async function oldestCounted(
  db: Db,
  { scope, since, limit }: { scope: FailureScope; since: Date; limit: number },
): Promise<Date> {
  const where =
    scope.key === 'pair'
      ? sql`name = ${scope.name} and address is not distinct from ${scope.address ?? null}`
      : sql`address = ${scope.address}`;
  const { rows } = await sql<{ oldest: Date }>`
    select coalesce(min(at), ${since}) as oldest from (
      select at from auth.login_failures where ${where} and at > ${since}
      order by at desc limit ${limit}) newest`.execute(db);
  return new Date((rows as [{ oldest: Date }])[0].oldest);
}

/** Failures at or before `before` no longer count: removes them. */
export async function pruneFailures(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('auth.login_failures').where('at', '<=', before).execute();
}
