import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0002_arming_state.js';

const hash = (c: string) => c.repeat(64);
const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T04:00:00Z');

describe('0002_arming_state', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  async function token(c: string): Promise<string> {
    const row = await t.db
      .insertInto('arming.tokens')
      .values({
        token_hash: hash(c),
        operator: 'alice',
        reason: 'r',
        created_at: t0,
        expires_at: t1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  function session(id: string, tokenId: string) {
    return t.db.insertInto('arming.live_sessions').values({
      id,
      token_id: tokenId,
      operator: 'alice',
      requested_by: 'alice',
      reason: 'r',
      started_at: t0,
      expires_at: t1,
    });
  }

  it('starts with one PAPER row at version 0 that cannot be removed or duplicated', async () => {
    expect(await t.db.selectFrom('arming.trading_state').selectAll().execute()).toEqual([
      expect.objectContaining({
        id: 1,
        mode: 'PAPER',
        version: 0,
        session_id: null,
        halted_by: null,
      }),
    ]);
    await expect(t.db.deleteFrom('arming.trading_state').execute()).rejects.toThrow(
      'arming.trading_state always holds its one row: DELETE refused',
    );
    await expect(sql`truncate arming.trading_state cascade`.execute(t.db)).rejects.toThrow(
      /TRUNCATE refused/,
    );
    await expect(
      sql`insert into arming.trading_state (id) values (2)`.execute(t.db),
    ).rejects.toThrow(/check constraint/);
  });

  it('refuses LIVE without a session and HALTED without who and why', async () => {
    await expect(
      t.db.updateTable('arming.trading_state').set({ mode: 'LIVE' }).execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      t.db.updateTable('arming.trading_state').set({ mode: 'HALTED', halted_by: 'bob' }).execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('keeps token hashes well-formed and unique, a token to one session, and one open session', async () => {
    await expect(
      t.db
        .insertInto('arming.tokens')
        .values({
          token_hash: 'secret',
          operator: 'a',
          reason: 'r',
          created_at: t0,
          expires_at: t1,
        })
        .execute(),
    ).rejects.toThrow(/check constraint/);
    const a = await token('a');
    await expect(token('a')).rejects.toThrow(/unique/);
    const b = await token('b');
    await session('s1', a).execute();
    await expect(session('s2', a).execute()).rejects.toThrow(/unique/);
    await expect(session('s3', b).execute()).rejects.toThrow(/live_sessions_one_open/);
  });

  it('goes down and up again', async () => {
    await down(t.db);
    const schemas = () =>
      sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname = 'arming'`
        .execute(t.db)
        .then((r) => r.rows[0]?.n);
    expect(await schemas()).toBe(0);
    await up(t.db);
    expect(await schemas()).toBe(1);
    expect(await t.db.selectFrom('arming.trading_state').select('mode').execute()).toEqual([
      { mode: 'PAPER' },
    ]);
  });
});
