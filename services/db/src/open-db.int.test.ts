import { Writable } from 'node:stream';
import { createLogger } from '@livegate/runtime';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/harness/src/index.js';
import { DbConnectError, isTransientDbError } from './db-connect-error.js';
import { openDb, openDbWhenReady } from './open-db.js';

function captureLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text));
      cb();
    },
  });
  return { logger: createLogger({ service: 'db-test', destination }), lines };
}

describe('openDb', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('refuses an unreachable database with the one-line DATABASE_URL error', async () => {
    const { logger } = captureLogger();
    const err = await openDb({ url: 'postgres://postgres@127.0.0.1:1/none', logger }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DbConnectError);
    expect((err as Error).message).toMatch(
      /^DATABASE_URL postgres:\/\/postgres@127\.0\.0\.1:1\/none: connection refused/,
    );
    expect(isTransientDbError(err)).toBe(true);
  });

  it('refuses a database that does not exist yet as transient, and a refused login as not', async () => {
    const { logger } = captureLogger();
    const missing = new URL(t.url);
    missing.pathname = `/${t.name}_not_yet`;
    const late = await openDb({ url: missing.href, logger }).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 'UNKNOWN_DATABASE' });
    expect(isTransientDbError(late)).toBe(true);
    const stranger = new URL(t.url);
    stranger.username = 'livegate_nobody';
    const refused = await openDb({ url: stranger.href, logger }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'AUTH_FAILED' });
    expect(isTransientDbError(refused)).toBe(false);
  });

  it('openDbWhenReady opens a database that answers, and throws a refused login at once', async () => {
    const { logger } = captureLogger();
    const policy = { initialMs: 1, maxMs: 1 };
    const db = await openDbWhenReady({ url: t.url, logger, policy });
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
    await db.destroy();
    const stranger = new URL(t.url);
    stranger.username = 'livegate_nobody';
    await expect(openDbWhenReady({ url: stranger.href, logger, policy })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
    });
  });

  it('logs a connection the server killed as a warning and keeps serving from a new one', async () => {
    const { logger, lines } = captureLogger();
    const db = await openDb({ url: t.url, max: 1, logger });
    try {
      const pid = async () =>
        (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
      const first = await pid();
      const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1, 5000)', [first]);
      await admin.end();
      await vi.waitFor(
        () =>
          expect(lines).toContainEqual(
            expect.objectContaining({
              level: 40,
              msg: 'a database connection died; the pool replaces it',
              err: expect.objectContaining({ message: expect.stringMatching(/terminat/i) }),
            }),
          ),
        { timeout: 5_000 },
      );
      expect(await pid()).not.toBe(first);
    } finally {
      await db.destroy();
    }
  });
});
