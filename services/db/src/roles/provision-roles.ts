import { sql, type Kysely } from 'kysely';
import { LIVEGATE_ROLES, OWNER_ROLE, SERVICE_ROLES, type LivegateRole } from './roles.js';

export interface ProvisionRolesOptions {
  /** Passwords to set (roles not named keep theirs; local trust auth needs none). */
  readonly passwords?: Partial<Record<LivegateRole, string>>;
}

const ident = (name: string) => sql.id(name);

// A role created by a concurrent run between our check and our CREATE is fine: the handler
// swallows exactly that (duplicate_object, or the catalog's unique index under a race).
function createRoleIfMissing(role: LivegateRole, attributes: string) {
  return sql`do $$ begin
      if not exists (select from pg_roles where rolname = ${sql.lit(role)}) then
        create role ${ident(role)} ${sql.raw(attributes)};
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`;
}

const OWNER_ATTRIBUTES = 'login nosuperuser nocreatedb nocreaterole noreplication nobypassrls';
const SERVICE_ATTRIBUTES = `${OWNER_ATTRIBUTES} noinherit`;

const DATABASE = sql`do $$ begin
    execute format('alter database %I owner to %I', current_database(), ${sql.lit(OWNER_ROLE)});
    execute format('grant connect on database %I to %s', current_database(),
      ${sql.lit(Object.values(SERVICE_ROLES).join(', '))});
    revoke create on schema public from public;
  end $$`;

// Every schema, relation (sequences owned by a column follow their table), function and type of
// this database's own schemas passes to the owner: a database migrated before the roles existed
// (by a superuser) is adopted; on one migrated as the owner this changes nothing.
const ADOPT = sql`do $$
  declare
    r record;
  begin
    for r in select n.nspname from pg_namespace n
        where n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and n.nspname <> 'public'
          and n.nspowner <> ${sql.lit(OWNER_ROLE)}::regrole loop
      execute format('alter schema %I owner to %I', r.nspname, ${sql.lit(OWNER_ROLE)});
    end loop;
    for r in select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
          and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
          and c.relowner <> ${sql.lit(OWNER_ROLE)}::regrole
          and not (c.relkind = 'S' and exists (
            select from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))) loop
      execute format('alter %s %I.%I owner to %I',
        case r.relkind when 'S' then 'sequence' when 'v' then 'view'
          when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end,
        r.nspname, r.relname, ${sql.lit(OWNER_ROLE)});
    end loop;
    for r in select p.oid::regprocedure as fn, p.prokind from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
          and p.proowner <> ${sql.lit(OWNER_ROLE)}::regrole loop
      execute format('alter %s %s owner to %I',
        case r.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end,
        r.fn, ${sql.lit(OWNER_ROLE)});
    end loop;
    for r in select t.oid::regtype as ty from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
          and t.typtype in ('e', 'd', 'r') and t.typowner <> ${sql.lit(OWNER_ROLE)}::regrole loop
      execute format('alter type %s owner to %I', r.ty, ${sql.lit(OWNER_ROLE)});
    end loop;
  end $$`;

/**
 * What an administrator (a superuser, or a role with CREATEROLE that owns the database) does once
 * per cluster and database, idempotently: creates the owner and service roles when missing (never
 * superusers), sets the passwords given, hands the current database and everything in its schemas
 * to the owner, lets the service roles connect, and keeps PUBLIC from creating in `public`.
 */
export async function provisionRoles<DB>(
  admin: Kysely<DB>,
  { passwords = {} }: ProvisionRolesOptions = {},
): Promise<void> {
  await createRoleIfMissing(OWNER_ROLE, OWNER_ATTRIBUTES).execute(admin);
  for (const role of Object.values(SERVICE_ROLES))
    await createRoleIfMissing(role, SERVICE_ATTRIBUTES).execute(admin);
  for (const role of LIVEGATE_ROLES) {
    const password = passwords[role];
    if (password !== undefined)
      await sql`alter role ${ident(role)} with password ${sql.lit(password)}`.execute(admin);
  }
  await DATABASE.execute(admin);
  await ADOPT.execute(admin);
}

/** Whether this session may run {@link provisionRoles}: a superuser, or a role with CREATEROLE. */
export async function canProvisionRoles<DB>(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select rolsuper or rolcreaterole as ok from pg_roles where rolname = current_user`.execute(db);
  return rows[0]?.ok === true;
}
