import { sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen copies of the names (a migration never depends on today's code).
const EXECUTION = 'livegate_execution';
const BEFORE = `'max_order_notional', 'max_open_orders', 'max_orders_per_second', 'price_collar_pct',
  'max_position'`;
const AFTER = `${BEFORE}, 'pause_after_breaches'`;
const COUNTS_BEFORE = `'max_open_orders', 'max_orders_per_second'`;
const COUNTS_AFTER = `${COUNTS_BEFORE}, 'pause_after_breaches'`;

const kindChecks = (kinds: string, counts: string): RawBuilder<unknown>[] => [
  sql`alter table risk.limits drop constraint limits_kind_check`,
  sql`alter table risk.limits add constraint limits_kind_check check (kind in (${sql.raw(kinds)}))`,
  sql`alter table risk.limit_proposals drop constraint limit_proposals_kind_check`,
  sql`alter table risk.limit_proposals add constraint limit_proposals_kind_check
    check (kind in (${sql.raw(kinds)}))`,
  sql`alter table risk.limits drop constraint limits_check1`,
  sql`alter table risk.limits add constraint limits_check1
    check (kind not in (${sql.raw(counts)}) or value = trunc(value))`,
];

/**
 * Issue 13: a strategy paused after repeated risk limit breaches. `pause_after_breaches` is a limit
 * kind (a whole number); execution writes `risk.paused` when a strategy reaches it, the gateway deletes
 * the row when an operator resumes the strategy.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of kindChecks(AFTER, COUNTS_AFTER)) await statement.execute(db);
  await sql`create table risk.paused (
    venue text not null check (venue in ('paper', 'live')),
    source text not null check (source ~ '^[A-Za-z0-9_-]{1,32}$'),
    breaches integer not null check (breaches > 0),
    reason text not null,
    paused_at timestamptz not null default now(),
    primary key (venue, source)
  )`.execute(db);
  // Execution reads every risk table (default privileges) and writes only the pause.
  await sql`grant insert on risk.paused to ${sql.id(EXECUTION)}`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table risk.paused`.execute(db);
  await sql`delete from risk.limits where kind = 'pause_after_breaches'`.execute(db);
  await sql`delete from risk.limit_proposals where kind = 'pause_after_breaches'`.execute(db);
  for (const statement of kindChecks(BEFORE, COUNTS_BEFORE)) await statement.execute(db);
}
