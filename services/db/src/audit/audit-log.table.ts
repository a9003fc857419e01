import type { Generated, JSONColumnType, Selectable } from 'kysely';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * `audit.log`: append-only and hash-chained. The database sets `id`, `at`, `prev_hash` and `hash`
 * (a BEFORE INSERT trigger) and refuses UPDATE, DELETE and TRUNCATE.
 */
export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  kind: string;
  actor: string;
  subject: string | null;
  details: JSONColumnType<JsonObject>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

export type AuditRow = Selectable<AuditLogTable>;
