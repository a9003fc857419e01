import { sql, type Kysely, type RawBuilder } from 'kysely';

const statements: RawBuilder<unknown>[] = [
  // The fenced send (DESIGN.md §4 step 4): the trading-state version read in the fence, and how long
  // after `last_sent_at` (the fence's database time) the request may still be signed.
  sql`alter table execution.orders
    add column fence_version integer null check (fence_version >= 0),
    add column send_budget_ms integer not null default 0 check (send_budget_ms between 0 and 60000)`,
  // Transactional outbox: mode changes and audit events are written in the committing transaction
  // and relayed to the bus with retry, so no safety event rides on a single publish.
  sql`create schema outbox`,
  sql`create table outbox.messages (
    id bigserial primary key,
    kind text not null check (kind in ('mode', 'audit')),
    audit_id bigint null,
    payload jsonb null,
    created_at timestamptz not null default now(),
    published_at timestamptz null,
    check ((kind = 'audit') = (audit_id is not null)),
    check ((kind = 'mode') = (payload is not null))
  )`,
  sql`create index messages_unpublished on outbox.messages (id) where published_at is null`,
  // Every audit row, whoever appends it, is queued in the same transaction.
  sql`create function outbox.queue_audit() returns trigger language plpgsql set search_path = pg_catalog as $$
    begin
      insert into outbox.messages (kind, audit_id) values ('audit', new.id);
      return null;
    end
    $$`,
  sql`create trigger log_to_outbox after insert on audit.log for each row execute function outbox.queue_audit()`,
  sql`alter table audit.log enable always trigger log_to_outbox`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger log_to_outbox on audit.log`.execute(db);
  await sql`drop schema outbox cascade`.execute(db);
  await sql`alter table execution.orders drop column fence_version, drop column send_budget_ms`.execute(
    db,
  );
}
