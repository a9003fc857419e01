import { sql, type Kysely, type RawBuilder } from 'kysely';

// An API key is one strategy (issue 11): it may send intents only under its `source` and read only
// that source's orders. Keys created before this migration have none (NULL): the gateway refuses them
// until they are re-issued with `pnpm apikey:add --label <label> --source <source>`. The pattern is
// the intent contract's source (`orders.intent.<source>`).
const statements: RawBuilder<unknown>[] = [
  sql`alter table auth.api_keys
    add column source text null check (source ~ '^[A-Za-z0-9_-]{1,32}$')`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table auth.api_keys drop column source`.execute(db);
}
