import { appendAudit, verifyAuditChain } from '@livegate/db';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from './index.js';

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
