import { sql, type Kysely, type RawBuilder } from 'kysely';

const statements: RawBuilder<unknown>[] = [
  sql`create schema arming`,
  sql`create table arming.tokens (
    id bigserial primary key,
    token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
    operator text not null,
    reason text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null check (expires_at > created_at),
    used_at timestamptz null,
    used_by text null,
    superseded_at timestamptz null,
    check ((used_at is null) = (used_by is null)),
    check (used_at is null or superseded_at is null)
  )`,
  sql`create index tokens_open_by_operator on arming.tokens (operator)
    where used_at is null and superseded_at is null`,
  sql`create table arming.live_sessions (
    id text primary key check (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    token_id bigint not null unique references arming.tokens (id),
    operator text not null,
    requested_by text not null,
    reason text not null,
    started_at timestamptz not null,
    expires_at timestamptz not null check (expires_at > started_at),
    ended_at timestamptz null,
    ended_by text null,
    end_reason text null,
    check ((ended_at is null) = (ended_by is null) and (ended_at is null) = (end_reason is null))
  )`,
  // At most one session is open at any time, whatever the service does.
  sql`create unique index live_sessions_one_open on arming.live_sessions ((true)) where ended_at is null`,
  sql`create table arming.trading_state (
    id smallint primary key default 1 check (id = 1),
    mode text not null default 'PAPER' check (mode in ('PAPER', 'LIVE', 'HALTED')),
    session_id text null references arming.live_sessions (id),
    expires_at timestamptz null,
    version integer not null default 0 check (version >= 0),
    halted_by text null,
    halt_reason text null,
    updated_at timestamptz not null default now(),
    check ((mode = 'LIVE') = (session_id is not null)),
    check ((mode = 'LIVE') = (expires_at is not null)),
    check ((mode = 'HALTED') = (halted_by is not null)),
    check ((mode = 'HALTED') = (halt_reason is not null))
  )`,
  sql`insert into arming.trading_state default values`,
  sql`create function arming.refuse_state_removal() returns trigger language plpgsql as $$
    begin
      raise exception 'arming.trading_state always holds its one row: % refused', tg_op;
    end
    $$`,
  sql`create trigger trading_state_keep_row before delete or truncate on arming.trading_state
    for each statement execute function arming.refuse_state_removal()`,
  sql`create table arming.operator_failures (
    id bigserial primary key,
    operator text not null,
    verb text not null,
    code text not null,
    at timestamptz not null
  )`,
  sql`create index operator_failures_by_operator on arming.operator_failures (operator, at)`,
  sql`create table arming.reconcile_gate (
    venue text primary key,
    in_progress boolean not null default false,
    unresolved integer not null default 0 check (unresolved >= 0),
    last_run_id text null,
    updated_at timestamptz not null default now()
  )`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema arming cascade`.execute(db);
}
