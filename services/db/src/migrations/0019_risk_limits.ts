import { sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen copies of the names (a migration never depends on today's code).
const OWNER = 'livegate_owner';
const EXECUTION = 'livegate_execution';
const GATEWAY = 'livegate_gateway';
const KINDS = `'max_order_notional', 'max_open_orders', 'max_orders_per_second', 'price_collar_pct',
  'max_position'`;
const PER_ASSET = `'max_order_notional', 'max_position'`;
const COUNTS = `'max_open_orders', 'max_orders_per_second'`;
const KEY_COLUMNS = `venue text not null check (venue in ('paper', 'live')),
    source text not null check (source ~ '^[A-Za-z0-9_-]{1,32}$'),
    kind text not null check (kind in (${KINDS})),
    asset text not null default '' check (asset ~ '^[A-Z0-9]{0,20}$'),
    check ((kind in (${PER_ASSET})) = (asset <> ''))`;

const statements: RawBuilder<unknown>[] = [
  sql`create schema risk`,
  // One row per limit in force (issue 13); no row = no limit. `asset` is '' for the kinds that are
  // not per asset (a primary key column cannot be null).
  sql`create table risk.limits (
    ${sql.raw(KEY_COLUMNS)},
    value numeric not null check (value > 0),
    updated_by text not null,
    updated_at timestamptz not null default now(),
    primary key (venue, source, kind, asset),
    check (kind not in (${sql.raw(COUNTS)}) or value = trunc(value))
  )`,
  // Four-eyes: a change proposed by one operator, applied when another approves it. `value` null
  // proposes removing the limit.
  sql`create table risk.limit_proposals (
    id bigserial primary key,
    ${sql.raw(KEY_COLUMNS)},
    value numeric null check (value > 0),
    reason text not null,
    proposed_by text not null,
    proposed_at timestamptz not null default now(),
    decided_by text null,
    decided_at timestamptz null,
    decision text null check (decision in ('approved', 'rejected')),
    check ((decided_at is null) = (decision is null) and (decided_at is null) = (decided_by is null))
  )`,
  sql`create index limit_proposals_open on risk.limit_proposals (id) where decided_at is null`,
  // The fenced step counts a strategy's recent and open orders per venue.
  sql`create index orders_by_venue_source_sent on execution.orders (venue, source, last_sent_at)`,
  sql`revoke all on schema risk from public`,
  sql`grant usage on schema risk to ${sql.id(EXECUTION)}, ${sql.id(GATEWAY)}`,
  sql`grant select on all tables in schema risk to ${sql.id(EXECUTION)}`,
  sql`alter default privileges for role ${sql.id(OWNER)} in schema risk
    grant select on tables to ${sql.id(EXECUTION)}`,
  sql`grant select, insert, update, delete on all tables in schema risk to ${sql.id(GATEWAY)}`,
  sql`alter default privileges for role ${sql.id(OWNER)} in schema risk
    grant select, insert, update, delete on tables to ${sql.id(GATEWAY)}`,
  sql`grant usage on all sequences in schema risk to ${sql.id(GATEWAY)}`,
  sql`alter default privileges for role ${sql.id(OWNER)} in schema risk
    grant usage on sequences to ${sql.id(GATEWAY)}`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter default privileges for role ${sql.id(OWNER)} in schema risk
    revoke all on tables from ${sql.id(EXECUTION)}, ${sql.id(GATEWAY)}`.execute(db);
  await sql`alter default privileges for role ${sql.id(OWNER)} in schema risk
    revoke all on sequences from ${sql.id(GATEWAY)}`.execute(db);
  await sql`drop index execution.orders_by_venue_source_sent`.execute(db);
  await sql`drop schema risk cascade`.execute(db);
}
