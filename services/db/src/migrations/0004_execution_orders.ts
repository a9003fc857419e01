import { sql, type Kysely, type RawBuilder } from 'kysely';

const ORDER_STATES = `'SUBMITTING', 'NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED',
  'REJECTED', 'UNKNOWN', 'NOT_PLACED', 'PENDING_CANCEL'`;
const OPEN_STATES = `'SUBMITTING', 'UNKNOWN', 'NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL'`;

const statements: RawBuilder<unknown>[] = [
  sql`create schema execution`,
  sql`create table execution.orders (
    intent_id text primary key check (intent_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
    client_order_id text not null unique check (client_order_id ~ '^[A-Za-z0-9_-]{1,36}$'),
    mode text not null check (mode in ('paper', 'live')),
    venue text not null,
    source text not null,
    symbol text not null,
    side text not null check (side in ('BUY', 'SELL')),
    type text not null,
    quantity numeric null check (quantity > 0),
    quote_order_qty numeric null check (quote_order_qty > 0),
    price numeric null check (price > 0),
    time_in_force text null,
    intent_created_at timestamptz not null,
    intent_expires_at timestamptz null,
    state text not null check (state in (${sql.raw(ORDER_STATES)})),
    exchange_order_id text null,
    executed_qty numeric not null default 0,
    cummulative_quote_qty numeric not null default 0,
    avg_price numeric null,
    last_exchange_status text null,
    reject_code text null,
    reject_message text null,
    live_session_id text null,
    attempts integer not null default 0 check (attempts >= 0),
    last_sent_at timestamptz null,
    recv_window_ms integer not null default 5000 check (recv_window_ms between 1 and 60000),
    not_found_count integer not null default 0 check (not_found_count >= 0),
    lease_holder text null,
    lease_expires_at timestamptz null,
    inserted_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((lease_holder is null) = (lease_expires_at is null))
  )`,
  sql`create index orders_open on execution.orders (state) where state in (${sql.raw(OPEN_STATES)})`,
  sql`create index orders_by_mode_venue_state on execution.orders (mode, venue, state)`,
  sql`create table execution.fills (
    venue text not null,
    symbol text not null,
    trade_id text not null,
    intent_id text not null references execution.orders (intent_id),
    exchange_order_id text not null,
    price numeric not null,
    qty numeric not null,
    quote_qty numeric not null,
    commission numeric not null,
    commission_asset text not null,
    is_maker boolean not null,
    traded_at timestamptz not null,
    primary key (venue, symbol, trade_id)
  )`,
  sql`create index fills_by_intent on execution.fills (intent_id)`,
  sql`create table execution.order_events (
    id bigserial primary key,
    intent_id text not null,
    type text not null,
    state text not null check (state in (${sql.raw(ORDER_STATES)})),
    payload jsonb not null,
    at timestamptz not null default now()
  )`,
  sql`create index order_events_by_intent on execution.order_events (intent_id, id)`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema execution cascade`.execute(db);
}
