import { sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen copies of the names (a migration never depends on today's code).
const OWNER = 'livegate_owner';
const RECONCILER = 'livegate_reconciler';
const GATEWAY = 'livegate_gateway';

const statements: RawBuilder<unknown>[] = [
  sql`create schema money`,
  // Issue 13 (money on screen): the latest account snapshot per venue. `taken_at` orders snapshots:
  // one taken earlier than the stored one is never written over it (two reconcilers, a slow run).
  sql`create table money.balance_snapshots (
    venue text primary key check (venue in ('paper', 'live')),
    taken_at timestamptz not null,
    recorded_at timestamptz not null default now()
  )`,
  // Every asset of that snapshot with a non-zero free or locked amount.
  sql`create table money.balances (
    venue text not null references money.balance_snapshots (venue) on delete cascade,
    asset text not null check (asset ~ '^[A-Z0-9]{1,20}$'),
    free numeric not null check (free >= 0),
    locked numeric not null check (locked >= 0),
    primary key (venue, asset)
  )`,
  sql`revoke all on schema money from public`,
  sql`grant usage on schema money to ${sql.id(RECONCILER)}, ${sql.id(GATEWAY)}`,
  // The reconciler writes the snapshot (replacing the venue's rows); the gateway only reads it.
  sql`grant select, insert, update, delete on all tables in schema money to ${sql.id(RECONCILER)}`,
  sql`alter default privileges for role ${sql.id(OWNER)} in schema money
    grant select, insert, update, delete on tables to ${sql.id(RECONCILER)}`,
  sql`grant select on all tables in schema money to ${sql.id(GATEWAY)}`,
  sql`alter default privileges for role ${sql.id(OWNER)} in schema money
    grant select on tables to ${sql.id(GATEWAY)}`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter default privileges for role ${sql.id(OWNER)} in schema money
    revoke all on tables from ${sql.id(RECONCILER)}, ${sql.id(GATEWAY)}`.execute(db);
  await sql`drop schema money cascade`.execute(db);
}
