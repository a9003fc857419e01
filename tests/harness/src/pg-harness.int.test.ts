import { appendAudit, verifyAuditChain } from '@livegate/db';
import { sql } from 'kysely';
import { hostname } from 'node:os';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from './index.js';
import { dropAbandonedRuns } from './pg-template.js';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('harness - postgres', () => {
  it('clones the migrated template into a fresh database per call, and drop removes it', async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    expect(a.name).not.toBe(b.name);
    expect(a.name.startsWith(inject('pgTestDbPrefix'))).toBe(true);
    await appendAudit(a.db, { kind: 'probe', actor: 'harness', details: {} });
    expect(await verifyAuditChain(a.db)).toEqual({ ok: true, rows: 1 });
    expect(await verifyAuditChain(b.db)).toEqual({ ok: true, rows: 0 });
    await a.drop();
    await b.drop();
    expect(await databaseExists(a.name)).toBe(false);
    expect(await databaseExists(b.name)).toBe(false);
  });

  it('keeps the template closed to connections and gives an empty database on request', async () => {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    const { rows } = await client.query(
      'select datistemplate, datallowconn from pg_database where datname = $1',
      [inject('pgTemplateDb')],
    );
    await client.end();
    expect(rows).toEqual([{ datistemplate: true, datallowconn: false }]);
    const empty = await createTestDatabase({ migrated: false });
    const { rows: schemas } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_namespace where nspname = 'audit'`.execute(empty.db);
    expect(schemas).toEqual([{ n: 0 }]);
    await empty.drop();
  });
});

describe('harness - postgres leftovers', () => {
  it('drops templates and test databases of killed runs on this host, and keeps live or foreign ones', async () => {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    const suffix = Date.now().toString(16).slice(-6);
    const owned = (name: string, host: string, pid: number) =>
      client.query(`comment on database "${name}" is 'livegate test run: host=${host} pid=${pid}'`);
    const dead = `livegate_tpl_dead${suffix}`;
    const live = `livegate_tpl_live${suffix}`;
    const foreign = `livegate_tpl_frgn${suffix}`;
    const deadTest = `livegate_tdead${suffix}_0001`;
    for (const name of [dead, live, foreign, deadTest])
      await client.query(`create database "${name}"`);
    await owned(dead, hostname(), 2 ** 22 + 1);
    await owned(live, hostname(), process.pid);
    await owned(foreign, 'another-host', 2 ** 22 + 1);
    await dropAbandonedRuns(client);
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where datname = any($1) order by datname',
      [[dead, live, foreign, deadTest]],
    );
    expect(rows.map((r) => r.datname)).toEqual([foreign, live].sort());
    for (const name of [live, foreign]) await client.query(`drop database "${name}"`);
    await client.end();
  });
});
