import { sql, type Kysely, type RawBuilder } from 'kysely';

const statements: RawBuilder<unknown>[] = [
  sql`create schema auth`,
  sql`create table auth.operators (
    name text primary key check (name ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$'),
    role text not null check (role in ('operator', 'viewer')),
    password_hash text not null check (password_hash like 'scrypt$%'),
    created_at timestamptz not null default now(),
    disabled_at timestamptz null
  )`,
  // Only the sha256 of the cookie value is stored: a leaked table cannot be replayed as cookies.
  sql`create table auth.sessions (
    id text primary key check (id ~ '^[0-9a-f]{64}$'),
    operator text not null references auth.operators (name),
    created_at timestamptz not null,
    expires_at timestamptz not null check (expires_at > created_at),
    revoked_at timestamptz null
  )`,
  sql`create index sessions_by_operator on auth.sessions (operator)`,
  sql`create table auth.api_keys (
    id text primary key check (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    label text not null check (label ~ '^[A-Za-z0-9_-]{1,32}$'),
    key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    role text not null default 'strategy' check (role = 'strategy'),
    created_at timestamptz not null default now(),
    revoked_at timestamptz null
  )`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema auth cascade`.execute(db);
}
