import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database.js';
import type { AuditRow, JsonObject } from './audit-log.table.js';

export interface AuditAppend {
  readonly kind: string;
  readonly actor: string;
  readonly subject?: string | null;
  readonly details: JsonObject;
}

export type AuditChainCheck =
  { readonly ok: true; readonly rows: number } | { readonly ok: false; readonly brokenAt: string };

/**
 * Appends one row to `audit.log` and returns it with the id, time and hashes the database set.
 * Pass the transaction that changes the state being audited, so both commit or neither does.
 */
export async function appendAudit(
  dbOrTrx: Kysely<Database> | Transaction<Database>,
  entry: AuditAppend,
): Promise<AuditRow> {
  return dbOrTrx
    .insertInto('audit.log')
    .values({
      kind: entry.kind,
      actor: entry.actor,
      subject: entry.subject ?? null,
      details: JSON.stringify(entry.details),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Recomputes the whole chain in the database; names the first row whose link or hash is wrong. */
export async function verifyAuditChain(
  db: Kysely<Database> | Transaction<Database>,
): Promise<AuditChainCheck> {
  const result = await db
    .selectNoFrom([
      sql<string | null>`audit.verify_chain()::text`.as('broken_at'),
      sql<string>`(select count(*) from audit.log)::text`.as('rows'),
    ])
    .executeTakeFirstOrThrow();
  if (result.broken_at !== null) return { ok: false, brokenAt: result.broken_at };
  return { ok: true, rows: Number(result.rows) };
}
