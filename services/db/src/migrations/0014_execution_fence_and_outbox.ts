import { sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen copies of the service roles (0012_roles_service_grants creates their grants per schema).
const SERVICES = [
  'livegate_execution',
  'livegate_reconciler',
  'livegate_arming',
  'livegate_gateway',
];

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
  // Every service appends audit rows (the trigger queues them as the appending role) and relays the
  // outbox; only arming writes mode changes, but the grant is per table.
  sql`revoke all on schema outbox from public`,
  ...SERVICES.flatMap((role) => [
    sql`grant usage on schema outbox to ${sql.id(role)}`,
    sql`grant select, insert, update, delete on outbox.messages to ${sql.id(role)}`,
    sql`grant usage on all sequences in schema outbox to ${sql.id(role)}`,
  ]),
  // Execution's live gate reads the recorded reconcile runs.
  sql`grant usage on schema reconcile to ${sql.id('livegate_execution')}`,
  sql`grant select on reconcile.runs to ${sql.id('livegate_execution')}`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`revoke select on reconcile.runs from ${sql.id('livegate_execution')}`.execute(db);
  await sql`drop trigger log_to_outbox on audit.log`.execute(db);
  await sql`drop schema outbox cascade`.execute(db);
  await sql`alter table execution.orders drop column fence_version, drop column send_budget_ms`.execute(
    db,
  );
}
