import { sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen copies of the names (a migration never depends on today's code).
const OWNER = 'livegate_owner';
const EXECUTION = 'livegate_execution';

const statements: RawBuilder<unknown>[] = [
  // Issue 13 (balances from the account stream): execution holds the venue's user data stream and
  // its account view, so it stores each change of it (docs/02, "Money"). It writes the same two
  // tables as the reconciler, under the same "never an older snapshot over a newer one" rule.
  sql`grant usage on schema money to ${sql.id(EXECUTION)}`,
  sql`grant select, insert, update, delete on all tables in schema money to ${sql.id(EXECUTION)}`,
  sql`alter default privileges for role ${sql.id(OWNER)} in schema money
    grant select, insert, update, delete on tables to ${sql.id(EXECUTION)}`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter default privileges for role ${sql.id(OWNER)} in schema money
    revoke all on tables from ${sql.id(EXECUTION)}`.execute(db);
  await sql`revoke all on all tables in schema money from ${sql.id(EXECUTION)}`.execute(db);
  await sql`revoke usage on schema money from ${sql.id(EXECUTION)}`.execute(db);
}
