import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { appendAudit, verifyAuditChain } from '../audit/audit.repository.js';
import { createDb } from '../create-db.js';
import type { Database } from '../database.js';
import { OWNER_ROLE, SERVICE_ROLES } from './roles.js';

// Attacks on the audit log from each service's own login: none may change or remove a row, switch
// the append-only trigger off, or alter the table; each may still append and read.
describe.each(Object.entries(SERVICE_ROLES))('database role of %s', (service, role) => {
  let t: TestDatabase;
  let db: Kysely<Database>;
  beforeAll(async () => {
    t = await createTestDatabase();
    db = createDb({ url: t.urlAs(role), max: 2 });
    await appendAudit(t.db, { kind: 'seed', actor: 'harness', details: {} });
  });
  afterAll(async () => {
    await db.destroy();
    await t.drop();
  });

  it(`logs in as ${role}: no superuser, no CREATEROLE, owns nothing`, async () => {
    const { rows } = await sql<{
      user: string;
      super: boolean;
      createrole: boolean;
      owned: number;
    }>`
      select current_user as user, rolsuper as super, rolcreaterole as createrole,
        (select count(*)::int from pg_class where relowner = current_user::regrole) as owned
      from pg_roles where rolname = current_user`.execute(db);
    expect(rows).toEqual([{ user: role, super: false, createrole: false, owned: 0 }]);
  });

  it('appends to and reads the audit log', async () => {
    const row = await appendAudit(db, { kind: `${service}.probe`, actor: service, details: {} });
    expect(row.actor).toBe(service);
    expect(await db.selectFrom('audit.log').select('id').execute()).not.toHaveLength(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it.each([
    ['UPDATE', sql`update audit.log set actor = 'mallory'`],
    ['DELETE', sql`delete from audit.log`],
    ['TRUNCATE', sql`truncate audit.log`],
    ['setval', sql`select setval(pg_get_serial_sequence('audit.log', 'id'), 1)`],
  ])('is refused %s on the audit log by the privileges', async (_what, statement) => {
    await expect(statement.execute(db)).rejects.toThrow(/permission denied/);
  });

  it.each([
    [
      'disabling its append-only trigger',
      sql`alter table audit.log disable trigger log_append_only`,
    ],
    ['disabling every trigger', sql`alter table audit.log disable trigger all`],
    ['altering the table', sql`alter table audit.log add column note text`],
    [
      'replacing the chain function',
      sql`create or replace function audit.chain_append() returns trigger language plpgsql as $$ begin return new; end $$`,
    ],
    ['dropping the trigger', sql`drop trigger log_chain on audit.log`],
  ])('is refused %s (only the owner may)', async (_what, statement) => {
    await expect(statement.execute(db)).rejects.toThrow(/must be owner|permission denied/);
  });

  it('cannot create schemas or tables, nor replay as another role', async () => {
    await expect(sql`create schema sneaky`.execute(db)).rejects.toThrow(/permission denied/);
    await expect(sql`create table audit.shadow (x int)`.execute(db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`create table public.shadow (x int)`.execute(db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`set role ${sql.id(OWNER_ROLE)}`.execute(db)).rejects.toThrow(
      /permission denied/,
    );
  });
});
