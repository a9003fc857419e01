import { sql, type Kysely, type RawBuilder } from 'kysely';

// Issue 11: the idempotency key of an intent is (source, intent_id), so one strategy cannot pre-empt
// another's intentId. Fills reference their order by the pair; order events carry the source of their
// payload (every stored event has one since 0013) as a column, so one intent's history is one source's.
// Stored rows keep their client_order_id (derived from the intent id alone); new rows get one derived
// from the pair (execution), still unique across the table.

const statements: RawBuilder<unknown>[] = [
  sql`alter table execution.fills drop constraint fills_intent_id_fkey`,
  sql`alter table execution.orders drop constraint orders_pkey`,
  sql`alter table execution.orders add constraint orders_pkey primary key (source, intent_id)`,
  sql`alter table execution.fills add column source text`,
  sql`update execution.fills f set source = o.source from execution.orders o
    where o.intent_id = f.intent_id`,
  sql`alter table execution.fills alter column source set not null`,
  sql`alter table execution.fills add constraint fills_order_fkey foreign key (source, intent_id)
    references execution.orders (source, intent_id)`,
  sql`drop index execution.fills_by_intent`,
  sql`create index fills_by_intent on execution.fills (source, intent_id)`,
  sql`alter table execution.order_events
    add column source text generated always as (payload ->> 'source') stored`,
  sql`drop index execution.order_events_by_intent`,
  sql`create index order_events_by_intent on execution.order_events (source, intent_id, id)`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// Back to one key per intent id: fails (orders_pkey) while two sources share an intent id, rather than
// dropping an order.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`do $$
    begin
      if exists (select from execution.orders group by intent_id having count(*) > 1) then
        raise exception 'two sources share an intent id in execution.orders: 0017 cannot be undone';
      end if;
    end $$`.execute(db);
  await sql`drop index execution.order_events_by_intent`.execute(db);
  await sql`alter table execution.order_events drop column source`.execute(db);
  await sql`create index order_events_by_intent on execution.order_events (intent_id, id)`.execute(
    db,
  );
  await sql`alter table execution.fills drop constraint fills_order_fkey`.execute(db);
  await sql`drop index execution.fills_by_intent`.execute(db);
  await sql`alter table execution.fills drop column source`.execute(db);
  await sql`create index fills_by_intent on execution.fills (intent_id)`.execute(db);
  await sql`alter table execution.orders drop constraint orders_pkey`.execute(db);
  await sql`alter table execution.orders add constraint orders_pkey primary key (intent_id)`.execute(
    db,
  );
  await sql`alter table execution.fills add constraint fills_intent_id_fkey foreign key (intent_id)
    references execution.orders (intent_id)`.execute(db);
}
