import { sql, type Kysely } from 'kysely';
import { displayUrlOf } from './create-db.js';
import { DbConnectError, describeConnectFailure } from './db-connect-error.js';

/** Runs `select 1`; throws a one-line DbConnectError naming DATABASE_URL and what failed. */
export async function checkDb<DB>(db: Kysely<DB>): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    if (err instanceof DbConnectError) throw err;
    const { code, reason } = describeConnectFailure(err);
    throw new DbConnectError(code, displayUrlOf(db), reason, { cause: err });
  }
}
