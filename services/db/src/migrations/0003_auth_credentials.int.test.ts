import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0003_auth_credentials.js';

const HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
const hex = (c: string) => c.repeat(64);

describe('0003_auth_credentials', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
    await up(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('keeps operators to valid names, the two roles and scrypt hashes', async () => {
    await t.db
      .insertInto('auth.operators')
      .values({ name: 'alice', role: 'operator', password_hash: HASH, disabled_at: null })
      .execute();
    const bad = [
      { name: '-alice', role: 'operator' as const, password_hash: HASH },
      { name: 'bob', role: 'admin' as 'operator', password_hash: HASH },
      { name: 'carol', role: 'viewer' as const, password_hash: 'plaintext' },
    ];
    for (const values of bad) {
      await expect(
        t.db
          .insertInto('auth.operators')
          .values({ ...values, disabled_at: null })
          .execute(),
      ).rejects.toThrow(/check constraint/);
    }
  });

  it('stores sessions by a 64-hex id for a known operator, expiring after they start', async () => {
    const now = new Date('2026-03-02T09:00:00Z');
    const later = new Date('2026-03-02T17:00:00Z');
    const row = { operator: 'alice', created_at: now, expires_at: later, revoked_at: null };
    await t.db
      .insertInto('auth.sessions')
      .values({ id: hex('a'), ...row })
      .execute();
    await expect(
      t.db
        .insertInto('auth.sessions')
        .values({ id: 'cookie-value', ...row })
        .execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      t.db
        .insertInto('auth.sessions')
        .values({ id: hex('b'), ...row, operator: 'nobody' })
        .execute(),
    ).rejects.toThrow(/foreign key/);
    await expect(
      t.db
        .insertInto('auth.sessions')
        .values({ id: hex('c'), ...row, expires_at: now })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('gives API keys the strategy role and a unique hash', async () => {
    const key = { label: 'momentum', key_hash: hex('d'), revoked_at: null };
    const inserted = await t.db
      .insertInto('auth.api_keys')
      .values({ id: 'k1', ...key })
      .returning(['role'])
      .executeTakeFirstOrThrow();
    expect(inserted.role).toBe('strategy');
    await expect(
      t.db
        .insertInto('auth.api_keys')
        .values({ id: 'k2', ...key })
        .execute(),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      sql`insert into auth.api_keys (id, label, key_hash, role) values ('k3', 'x', ${hex('e')}, 'operator')`.execute(
        t.db,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('goes down by dropping the auth schema', async () => {
    await down(t.db);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_namespace where nspname = 'auth'`.execute(t.db);
    expect(rows[0]?.n).toBe(0);
  });
});
