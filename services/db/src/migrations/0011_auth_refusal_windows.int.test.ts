import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { migrations } from './index.js';

const windowStart = new Date('2026-03-02T09:00:00Z');
const key = { code: 'FORBIDDEN', actor: 'victor', address: '', route: 'POST /api/live/kill' };

describe('0011_auth_refusal_windows', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('keeps one count per window and key, at least 1', async () => {
    await t.db
      .insertInto('auth.refusal_windows')
      .values({ window_start: windowStart, ...key, count: 1 })
      .execute();
    await expect(
      t.db
        .insertInto('auth.refusal_windows')
        .values({ window_start: windowStart, ...key, count: 2 })
        .execute(),
    ).rejects.toThrow(/duplicate key/);
    for (const bad of [{ count: 0 }, { code: '' }, { address: '1'.repeat(65) }]) {
      await expect(
        t.db
          .insertInto('auth.refusal_windows')
          .values({ window_start: windowStart, ...key, actor: 'other', count: 1, ...bad })
          .execute(),
      ).rejects.toThrow(/violates check constraint/);
    }
  });

  it('goes down and up again', async () => {
    const migration = migrations['0011_auth_refusal_windows'];
    const exists = async () =>
      (
        await sql<{ present: boolean }>`
          select to_regclass('auth.refusal_windows') is not null as present`.execute(t.db)
      ).rows[0]?.present;
    await migration?.down?.(t.db);
    expect(await exists()).toBe(false);
    await migration?.up(t.db);
    expect(await exists()).toBe(true);
  });
});
