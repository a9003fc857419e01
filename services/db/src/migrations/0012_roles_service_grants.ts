import { sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen copies of the role names (a migration never depends on today's code).
const OWNER = 'livegate_owner';
const EXECUTION = 'livegate_execution';
const RECONCILER = 'livegate_reconciler';
const ARMING = 'livegate_arming';
const GATEWAY = 'livegate_gateway';
const ROLES = [OWNER, EXECUTION, RECONCILER, ARMING, GATEWAY];

/**
 * Who may do what, per schema. Each line grants the privileges on every table of the schema
 * today and, through ALTER DEFAULT PRIVILEGES for the owner, on every table the owner creates
 * there later. `sequences: true` adds USAGE on the schema's sequences (bigserial inserts).
 * On `audit` no role gets more than SELECT and INSERT: the log is append-only for everyone but
 * its owner.
 */
const SCHEMA_GRANTS: ReadonlyArray<{
  schema: string;
  role: string;
  tables: string;
  sequences: boolean;
}> = [
  { schema: 'audit', role: EXECUTION, tables: 'select, insert', sequences: true },
  { schema: 'audit', role: RECONCILER, tables: 'select, insert', sequences: true },
  { schema: 'audit', role: ARMING, tables: 'select, insert', sequences: true },
  { schema: 'audit', role: GATEWAY, tables: 'select, insert', sequences: true },
  { schema: 'arming', role: ARMING, tables: 'select, insert, update', sequences: true },
  { schema: 'arming', role: EXECUTION, tables: 'select', sequences: false },
  { schema: 'arming', role: RECONCILER, tables: 'select', sequences: false },
  { schema: 'execution', role: EXECUTION, tables: 'select, insert, update', sequences: true },
  { schema: 'execution', role: RECONCILER, tables: 'select, insert, update', sequences: true },
  { schema: 'execution', role: GATEWAY, tables: 'select', sequences: false },
  { schema: 'reconcile', role: RECONCILER, tables: 'select, insert, update', sequences: true },
  { schema: 'reconcile', role: GATEWAY, tables: 'select', sequences: false },
  { schema: 'auth', role: GATEWAY, tables: 'select, insert, update, delete', sequences: true },
  { schema: 'auth', role: ARMING, tables: 'select', sequences: false },
];

/** Grants on one table beyond its schema's line (a later migration adds its own here). */
const TABLE_GRANTS: RawBuilder<unknown>[] = [
  // The reconciler marks a venue's run in progress / unresolved for arming to read.
  sql`grant insert, update on arming.reconcile_gate to ${sql.id(RECONCILER)}`,
  // Execution reads the trading state FOR SHARE (a disarm or kill waits for it), which PostgreSQL
  // allows only with UPDATE on some column: `id`, whose only admissible value (1) it already has.
  sql`grant update (id) on arming.trading_state to ${sql.id(EXECUTION)}`,
];

const SCHEMAS = [...new Set(SCHEMA_GRANTS.map((g) => g.schema))];

function requireRoles(): RawBuilder<unknown> {
  return sql`do $$
    declare
      missing text;
    begin
      select string_agg(r, ', ') into missing
        from unnest(${sql.raw(`array[${ROLES.map((r) => `'${r}'`).join(', ')}]`)}) r
        where not exists (select from pg_roles where rolname = r);
      if missing is not null then
        raise exception 'the livegate roles are missing: %', missing
          using hint = 'run pnpm db:migrate (or pnpm start) once with a DATABASE_URL of a superuser: it creates them';
      end if;
    end $$`;
}

function grantStatements(): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [requireRoles()];
  for (const schema of SCHEMAS) {
    out.push(sql`revoke all on schema ${sql.id(schema)} from public`);
    out.push(sql`revoke all on all tables in schema ${sql.id(schema)} from public`);
  }
  for (const { schema, role, tables, sequences } of SCHEMA_GRANTS) {
    const s = sql.id(schema);
    const r = sql.id(role);
    out.push(sql`grant usage on schema ${s} to ${r}`);
    out.push(sql`grant ${sql.raw(tables)} on all tables in schema ${s} to ${r}`);
    out.push(sql`alter default privileges for role ${sql.id(OWNER)} in schema ${s}
      grant ${sql.raw(tables)} on tables to ${r}`);
    if (sequences) {
      out.push(sql`grant usage on all sequences in schema ${s} to ${r}`);
      out.push(sql`alter default privileges for role ${sql.id(OWNER)} in schema ${s}
        grant usage on sequences to ${r}`);
    }
  }
  return [...out, ...TABLE_GRANTS];
}

function revokeStatements(): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  for (const { schema, role, tables, sequences } of SCHEMA_GRANTS) {
    const s = sql.id(schema);
    const r = sql.id(role);
    out.push(sql`alter default privileges for role ${sql.id(OWNER)} in schema ${s}
      revoke ${sql.raw(tables)} on tables from ${r}`);
    if (sequences)
      out.push(sql`alter default privileges for role ${sql.id(OWNER)} in schema ${s}
        revoke usage on sequences from ${r}`);
    out.push(sql`revoke all on all sequences in schema ${s} from ${r}`);
    out.push(sql`revoke all on all tables in schema ${s} from ${r}`);
    out.push(sql`revoke all on schema ${s} from ${r}`);
  }
  return out;
}

// Typed against Kysely<any> so this file never depends on today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of grantStatements()) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of revokeStatements()) await statement.execute(db);
}
