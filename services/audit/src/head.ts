import type { Database } from '@livegate/db';
import type { Kysely } from 'kysely';

/** The newest row of the audit chain: what an anchor records. */
export interface AuditHead {
  readonly lastId: string;
  readonly hash: string;
}

/** The chain's head, or undefined while the log is empty. */
export async function readAuditHead(db: Kysely<Database>): Promise<AuditHead | undefined> {
  const row = await db
    .selectFrom('audit.log')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : { lastId: row.id, hash: row.hash };
}

/** Every row's id and hash, oldest first: what verification compares the stream with. */
export async function readStoredHashes(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('audit.log').select(['id', 'hash']).orderBy('id').execute();
  return new Map(rows.map((r) => [r.id, r.hash]));
}
