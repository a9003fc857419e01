import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/harness/src/index.js';
import { checkDb } from './check-db.js';
import { createDb } from './create-db.js';
import { DbConnectError } from './db-connect-error.js';
import type { Database } from './database.js';

function withDatabase(url: string, database: string, user?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user !== undefined) u.username = user;
  return u.toString();
}

async function checkFails(url: string): Promise<DbConnectError> {
  const db = createDb({ url, connectTimeoutMs: 2_000 });
  try {
    await checkDb(db);
  } catch (err) {
    return err as DbConnectError;
  } finally {
    await db.destroy();
  }
  throw new Error(`checkDb succeeded on ${url}`);
}

describe('checkDb', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('passes on a reachable database', async () => {
    await expect(checkDb(t.db)).resolves.toBeUndefined();
  });

  it('names DATABASE_URL and "connection refused" when nothing listens', async () => {
    const err = await checkFails('postgres://postgres@127.0.0.1:1/livegate');
    expect(err).toBeInstanceOf(DbConnectError);
    expect(err.code).toBe('CONNECTION_REFUSED');
    expect(err.message).toBe(
      'DATABASE_URL postgres://postgres@127.0.0.1:1/livegate: connection refused (is PostgreSQL running there?)',
    );
  });

  it('names a bad URL without connecting, and hides the password', async () => {
    const err = await checkFails('http://app:hunter2@db/livegate');
    expect(err.code).toBe('BAD_URL');
    expect(err.message).toBe(
      'DATABASE_URL http://app:***@db/livegate: scheme "http:" is not postgres:// or postgresql://',
    );
    expect(err.message).not.toContain('hunter2');
    expect(err.message).not.toContain('\n');
  });

  it('names an unknown database and a failed authentication', async () => {
    const admin = inject('pgAdminUrl');
    const unknown = await checkFails(withDatabase(admin, 'livegate_no_such_db'));
    expect(unknown.code).toBe('UNKNOWN_DATABASE');
    expect(unknown.message).toMatch(
      /^DATABASE_URL \S+\/livegate_no_such_db: unknown database: database "livegate_no_such_db" does not exist \(create it first\)$/,
    );
    const auth = await checkFails(withDatabase(admin, 'postgres', 'livegate_no_such_role'));
    expect(auth.code).toBe('AUTH_FAILED');
    expect(auth.message).toMatch(
      /^DATABASE_URL postgres:\/\/livegate_no_such_role@\S+: authentication failed: .*livegate_no_such_role/,
    );
  });

  it('still gives the one-line error for a Kysely instance it did not create', async () => {
    const db = new Kysely({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/x' }),
      }),
    });
    await expect(checkDb(db)).rejects.toThrow(
      'DATABASE_URL (not created by createDb): connection refused',
    );
    await db.destroy();
  });
});

describe('createDb - idle connections killed by the server', () => {
  async function backendPid(db: Kysely<Database>): Promise<number> {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    return rows[0]?.pid ?? 0;
  }

  async function terminate(pid: number): Promise<void> {
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1, 5000)', [pid]);
    await admin.end();
  }

  function within<T>(promise: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  it('reports an idle connection killed by the server instead of crashing, and the pool reconnects', async () => {
    const t = await createTestDatabase();
    let report: (err: Error) => void = () => {};
    const reported = new Promise<Error>((resolve) => (report = resolve));
    const db = createDb({ url: t.url, max: 1, onConnectionError: (err) => report(err) });
    const first = await backendPid(db);
    await terminate(first);
    expect((await within(reported, 5_000)).message).toMatch(/terminat/i);
    expect(await backendPid(db)).not.toBe(first);
    await db.destroy();
    await t.drop();
  });

  it('reports a checked-out connection killed mid-transaction; only that transaction fails', async () => {
    const t = await createTestDatabase();
    const errors: Error[] = [];
    const db = createDb({ url: t.url, max: 1, onConnectionError: (err) => errors.push(err) });
    await expect(
      db.transaction().execute(async (trx) => {
        await terminate(await backendPid(trx));
        await sql`select 1`.execute(trx);
      }),
    ).rejects.toThrow();
    expect(errors.length).toBeGreaterThan(0);
    expect(await backendPid(db)).toBeGreaterThan(0);
    await db.destroy();
    await t.drop();
  });

  it('ignores them by default: the process survives and the next query gets a new connection', async () => {
    const t = await createTestDatabase();
    const db = createDb({ url: t.url, max: 1 });
    const first = await backendPid(db);
    await terminate(first);
    const deadline = Date.now() + 5_000;
    let next: number | undefined;
    while (next === undefined && Date.now() < deadline) {
      next = await backendPid(db).catch(() => undefined);
    }
    expect(next).toBeGreaterThan(0);
    expect(next).not.toBe(first);
    await db.destroy();
    await t.drop();
  });
});
