import { sql, type Kysely } from 'kysely';

// Frozen copies of the patterns (a migration never depends on today's code).
const STRATEGY = '^[A-Za-z0-9_-]{1,32}$';
const STRATEGY_OR_DEFAULT = '^([A-Za-z0-9_-]{1,32}|[*])$';
const TABLES = ['limits', 'limit_proposals'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
async function sourceCheck(db: Kysely<any>, pattern: string): Promise<void> {
  for (const table of TABLES) {
    const name = `${table}_source_check`;
    await sql`alter table ${sql.table(`risk.${table}`)} drop constraint ${sql.id(name)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(`risk.${table}`)} add constraint ${sql.id(name)}
      check (source ~ ${sql.lit(pattern)})`.execute(db);
  }
}

/** Issue 13: a venue's default limits, stored under the source `*` (any strategy without its own). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sourceCheck(db, STRATEGY_OR_DEFAULT);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql`delete from ${sql.table(`risk.${table}`)} where source = '*'`.execute(db);
  }
  await sourceCheck(db, STRATEGY);
}
