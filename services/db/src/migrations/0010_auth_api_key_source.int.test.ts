import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { migrations } from './index.js';

const hex = (c: string) => c.repeat(64);

describe('0010_auth_api_key_source', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const key = (id: string, source: string | null) =>
    t.db
      .insertInto('auth.api_keys')
      .values({ id, label: id, key_hash: hex(id.slice(-1)), source, revoked_at: null })
      .execute();

  it('binds a key to one source of the intent contract, NULL for keys issued before', async () => {
    await key('k-a', 'momentum');
    await key('k-b', null);
    expect(
      await t.db.selectFrom('auth.api_keys').select(['id', 'source']).orderBy('id').execute(),
    ).toEqual([
      { id: 'k-a', source: 'momentum' },
      { id: 'k-b', source: null },
    ]);
    for (const source of ['', 'has space', 'x'.repeat(33), 'orders.intent']) {
      await expect(key('k-c', source), source).rejects.toThrow(/violates check constraint/);
    }
  });

  it('goes down (the keys stay, without a source) and up again', async () => {
    const migration = migrations['0010_auth_api_key_source'];
    const columns = async () =>
      (
        await sql<{ column_name: string }>`
          select column_name from information_schema.columns
          where table_schema = 'auth' and table_name = 'api_keys' order by column_name`.execute(
          t.db,
        )
      ).rows.map((r) => r.column_name);
    await migration?.down?.(t.db);
    expect(await columns()).not.toContain('source');
    expect((await t.db.selectFrom('auth.api_keys').select('id').execute()).length).toBe(2);
    await migration?.up(t.db);
    expect(await columns()).toContain('source');
  });
});
