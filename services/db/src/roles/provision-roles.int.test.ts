import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { createDb } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { canProvisionRoles, provisionRoles } from './provision-roles.js';
import { NotOwnerError, ownerSession } from './owner-session.js';
import { databaseUrlAs, OWNER_ROLE, SERVICE_ROLES } from './roles.js';

describe('database roles - provisioning', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    await t.drop();
  });

  async function owners(): Promise<string[]> {
    const { rows } = await sql<{ owner: string }>`
      select distinct pg_get_userbyid(c.relowner) as owner from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('audit', 'arming', 'execution', 'reconcile', 'auth', 'public')
      union select distinct pg_get_userbyid(p.proowner) from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'audit'
      union select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'audit'
      union select pg_get_userbyid(datdba) from pg_database where datname = current_database()`.execute(
      t.db,
    );
    return rows.map((r) => r.owner).sort();
  }

  it('adopts a database migrated by a superuser before the roles existed, and does it again unchanged', async () => {
    await sql`alter database ${sql.id(t.name)} owner to postgres`.execute(t.db);
    expect((await migrateToLatest(t.db)).ok).toBe(true);
    expect(await owners()).toEqual(['postgres']);
    await provisionRoles(t.db);
    expect(await owners()).toEqual([OWNER_ROLE]);
    await provisionRoles(t.db);
    expect(await owners()).toEqual([OWNER_ROLE]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_roles
      where rolname = any(${[OWNER_ROLE, ...Object.values(SERVICE_ROLES)]}) and not rolsuper
        and not rolcreaterole and not rolcreatedb and rolcanlogin`.execute(t.db);
    expect(rows).toEqual([{ n: 5 }]);
  });

  it('sets the passwords it is given', async () => {
    const secret = `pw-${t.name}`;
    await provisionRoles(t.db, { passwords: { [SERVICE_ROLES.gateway]: secret } });
    const { rows } = await sql<{ set: boolean }>`
      select rolpassword is not null as set from pg_authid where rolname = ${SERVICE_ROLES.gateway}`.execute(
      t.db,
    );
    expect(rows).toEqual([{ set: true }]);
    await sql`alter role ${sql.id(SERVICE_ROLES.gateway)} with password null`.execute(t.db);
  });

  it('migrates as the owner from an administrator login, or from the owner login itself', async () => {
    const admin = await ownerSession(t.db, t.url);
    expect(admin.provisioned).toBe(true);
    expect((await migrateToLatest(admin.db)).ok).toBe(true);
    await admin.close();
    expect(await owners()).toEqual([OWNER_ROLE]);

    const login = createDb({ url: t.urlAs(OWNER_ROLE), max: 1 });
    try {
      expect(await canProvisionRoles(login)).toBe(false);
      const own = await ownerSession(login, t.urlAs(OWNER_ROLE));
      expect(own).toMatchObject({ provisioned: false, db: login });
      expect(await migrateToLatest(own.db)).toEqual({ ok: true, steps: [] });
      await own.close();
    } finally {
      await login.destroy();
    }
  });

  it('refuses to migrate from a service login', async () => {
    const login = createDb({ url: t.urlAs(SERVICE_ROLES.execution), max: 1 });
    try {
      const refused = ownerSession(login, t.urlAs(SERVICE_ROLES.execution));
      await expect(refused).rejects.toBeInstanceOf(NotOwnerError);
      await expect(refused).rejects.toThrow(
        'DATABASE_URL logs in as "livegate_execution", which is neither livegate_owner nor allowed to create roles',
      );
    } finally {
      await login.destroy();
    }
  });
});

describe('database roles - urls and names', () => {
  it('swaps the login of a URL and drops or sets its password', () => {
    expect(
      databaseUrlAs('postgres://postgres:pw@db:5432/livegate?sslmode=require', 'livegate_gateway'),
    ).toBe('postgres://livegate_gateway@db:5432/livegate?sslmode=require');
    expect(databaseUrlAs('postgres://postgres@db/livegate', 'livegate_arming', 'p@ss')).toBe(
      'postgres://livegate_arming:p%40ss@db/livegate',
    );
  });

  it('refuses a role name that is not a plain identifier', () => {
    expect(() => createDb({ url: 'postgres://x@h/d', role: 'x -c log=all' })).toThrow(RangeError);
  });
});
