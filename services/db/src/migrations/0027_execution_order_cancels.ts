import { sql, type Kysely } from 'kysely';

/**
 * Issue 13: cancels. One row per cancel request, keyed by (`source`, `cancel_id`): the authority that a
 * replayed or redelivered cancel message is the same cancel (JetStream dedup is only a filter). The row
 * is leased by the execution instance working it (`lease_holder` / `lease_expires_at`, on the
 * database's clock), so two instances never both send the venue cancel; `outcome` is set once, when
 * the cancel has ended. Execution writes it (schema grants), the gateway and the reconciler read it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table execution.order_cancels (
    source text not null check (source ~ '^[A-Za-z0-9_-]{1,32}$'),
    cancel_id text not null check (cancel_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    intent_id text not null check (intent_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    requested_by jsonb not null,
    reason text,
    outcome text check (outcome in ('CANCELED', 'FINAL', 'UNKNOWN_INTENT', 'SOURCE_MISMATCH',
      'NOT_RESOLVED', 'VENUE_FAILED')),
    final_state text,
    message text,
    lease_holder text,
    lease_expires_at timestamptz,
    requested_at timestamptz not null default now(),
    resolved_at timestamptz,
    primary key (source, cancel_id),
    check ((outcome is null) = (resolved_at is null))
  )`.execute(db);
  await sql`create index order_cancels_by_intent on execution.order_cancels (source, intent_id)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table execution.order_cancels`.execute(db);
}
