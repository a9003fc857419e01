import { sql, type Kysely, type RawBuilder } from 'kysely';

// Failed sign-ins, for the gateway's login throttle (per operator name and per client address inside
// a sliding window). A row is written before the password is checked and removed when it was right,
// so parallel guesses are counted too. Rows older than the window no longer count and are pruned.
const statements: RawBuilder<unknown>[] = [
  sql`create table auth.login_failures (
    id bigint generated always as identity primary key,
    name text not null check (char_length(name) between 1 and 64),
    address text null check (char_length(address) between 1 and 64),
    at timestamptz not null
  )`,
  sql`create index login_failures_by_name on auth.login_failures (name, at)`,
  sql`create index login_failures_by_address on auth.login_failures (address, at) where address is not null`,
  sql`create index login_failures_by_at on auth.login_failures (at)`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table auth.login_failures`.execute(db);
}
