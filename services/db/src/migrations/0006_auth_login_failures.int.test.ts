import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { migrations } from './index.js';

const at = new Date('2026-03-02T09:00:00Z');

describe('0006_auth_login_failures', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('numbers failures itself, keeps the name tried and the address when known', async () => {
    const rows = await t.db
      .insertInto('auth.login_failures')
      .values([
        { name: 'nobody-we-know', address: '203.0.113.7', at },
        { name: 'alice', address: null, at },
      ])
      .returning(['id', 'name', 'address'])
      .execute();
    expect(rows).toEqual([
      { id: expect.stringMatching(/^\d+$/), name: 'nobody-we-know', address: '203.0.113.7' },
      { id: expect.stringMatching(/^\d+$/), name: 'alice', address: null },
    ]);
    expect(Number(rows[1]?.id)).toBeGreaterThan(Number(rows[0]?.id));
  });

  it('refuses an empty or overlong name or address', async () => {
    for (const values of [
      { name: '', address: null, at },
      { name: 'x'.repeat(65), address: null, at },
      { name: 'alice', address: '', at },
      { name: 'alice', address: '1'.repeat(65), at },
    ]) {
      await expect(t.db.insertInto('auth.login_failures').values(values).execute()).rejects.toThrow(
        /violates check constraint/,
      );
    }
  });

  it('goes down (the auth tables stay) and up again', async () => {
    const migration = migrations['0006_auth_login_failures'];
    const exists = async () =>
      (
        await sql<{ present: boolean }>`
          select to_regclass('auth.login_failures') is not null as present`.execute(t.db)
      ).rows[0]?.present;
    await migration?.down?.(t.db);
    expect(await exists()).toBe(false);
    expect((await sql`select 1 from auth.operators`.execute(t.db)).rows).toEqual([]);
    await migration?.up(t.db);
    expect(await exists()).toBe(true);
  });
});
