import { sql, type Kysely, type RawBuilder } from 'kysely';

// Fixed key for pg_advisory_xact_lock: every append waits here, so the chain never forks.
const AUDIT_CHAIN_LOCK_KEY = 418_581_342_580; // 'audit' in ASCII

const statements: RawBuilder<unknown>[] = [
  sql`create schema audit`,
  sql`create table audit.log (
    id bigserial primary key,
    at timestamptz not null default now(),
    kind text not null,
    actor text not null,
    subject text null,
    details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
    prev_hash text not null unique check (prev_hash ~ '^[0-9a-f]{64}$'),
    hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
  )`,
  // The chain trigger takes ids from the sequence under the lock, so id order is chain order.
  sql`alter table audit.log alter column id drop default`,
  sql`create function audit.row_hash(prev_hash text, id bigint, at timestamptz, kind text, actor text, subject text, details jsonb)
    returns text language sql stable set search_path = pg_catalog as $$
      select encode(sha256(convert_to(prev_hash || jsonb_build_array(
        id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), kind, actor, subject, details
      )::text, 'UTF8')), 'hex')
    $$`,
  sql`create function audit.chain_append() returns trigger language plpgsql set search_path = pg_catalog as $$
    declare
      previous text;
    begin
      perform pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK_KEY)});
      new.id := nextval(pg_get_serial_sequence('audit.log', 'id'));
      select l.hash into previous from audit.log l order by l.id desc limit 1;
      new.prev_hash := coalesce(previous, repeat('0', 64));
      new.hash := audit.row_hash(new.prev_hash, new.id, new.at, new.kind, new.actor, new.subject, new.details);
      return new;
    end
    $$`,
  sql`create function audit.refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit.log is append-only: % refused', tg_op
        using hint = 'audit rows are never changed or removed; append a correcting row instead';
    end
    $$`,
  sql`create trigger log_chain before insert on audit.log for each row execute function audit.chain_append()`,
  sql`create trigger log_append_only before update or delete or truncate on audit.log
    for each statement execute function audit.refuse_change()`,
  sql`alter table audit.log enable always trigger log_chain`,
  sql`alter table audit.log enable always trigger log_append_only`,
  sql`create function audit.verify_chain() returns bigint language plpgsql stable set search_path = pg_catalog as $$
    declare
      r record;
      expected text := repeat('0', 64);
    begin
      for r in select * from audit.log order by id loop
        if r.prev_hash is distinct from expected
          or r.hash is distinct from audit.row_hash(r.prev_hash, r.id, r.at, r.kind, r.actor, r.subject, r.details) then
          return r.id;
        end if;
        expected := r.hash;
      end loop;
      return null;
    end
    $$`,
];

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema audit cascade`.execute(db);
}
