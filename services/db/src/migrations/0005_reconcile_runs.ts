import { sql, type Kysely, type RawBuilder } from 'kysely';

const statements: RawBuilder<unknown>[] = [
  sql`create schema reconcile`,
  sql`create table reconcile.runs (
    id text primary key check (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    trigger text not null check (trigger in ('startup', 'request', 'interval', 'execution-start', 'operator')),
    venue text not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    duration_ms integer not null check (duration_ms >= 0),
    report jsonb not null,
    check (finished_at >= started_at)
  )`,
  sql`create index runs_by_venue on reconcile.runs (venue, started_at desc)`,
  sql`create table reconcile.external_orders (
    venue text not null,
    symbol text not null,
    exchange_order_id text not null,
    client_order_id text not null,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    status text not null,
    action text not null check (action in ('report', 'cancelled')),
    unique (venue, symbol, exchange_order_id),
    check (last_seen_at >= first_seen_at)
  )`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema reconcile cascade`.execute(db);
}
