import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.js';

/**
 * The database's clock (`now()`: the start of the current transaction, or of this statement outside
 * one). Every decision about time — leases, staleness, request windows, reconcile runs — is taken on
 * it, so no decision rests on one host's clock against another's.
 */
export async function dbNow(db: Kysely<Database> | Transaction<Database>): Promise<number> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  return (rows[0] as { now: Date }).now.getTime();
}
