import { Writable } from 'node:stream';
import { createLogger } from '@livegate/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/harness/src/index.js';
import { runMigrateCli } from './migrate-cli.js';
import { migrations } from './migrations/index.js';

const logger = createLogger({
  service: 'db-migrate-test',
  destination: new Writable({ write: (_chunk, _enc, cb) => cb() }),
});

describe('pnpm db:migrate', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await t.drop();
  });

  async function auditTableExists(): Promise<boolean> {
    const { rows } = await sql<{
      reg: string | null;
    }>`select to_regclass('audit.log')::text as reg`.execute(t.db);
    return rows[0]?.reg === 'audit.log';
  }

  it('migrates DATABASE_URL to latest, then reverts one step per --down', async () => {
    const env = { DATABASE_URL: t.url };
    const names = Object.keys(migrations);
    expect(await runMigrateCli({ argv: [], env, logger })).toEqual({
      exitCode: 0,
      line: `applied: ${names.join(', ')}`,
    });
    expect(await auditTableExists()).toBe(true);
    expect(await runMigrateCli({ argv: [], env, logger })).toEqual({
      exitCode: 0,
      line: 'already at latest',
    });
    for (const name of [...names].reverse()) {
      expect(await runMigrateCli({ argv: ['--down'], env, logger })).toEqual({
        exitCode: 0,
        line: `reverted: ${name}`,
      });
    }
    expect(await auditTableExists()).toBe(false);
    expect(await runMigrateCli({ argv: ['--down'], env, logger })).toEqual({
      exitCode: 0,
      line: 'nothing to revert',
    });
  });

  it('exits 1 with one line on a bad argument, an unreachable database or a failing migration', async () => {
    expect(await runMigrateCli({ argv: ['--sideways'], env: {}, logger })).toMatchObject({
      exitCode: 1,
      line: expect.stringMatching(/^unknown arguments/),
    });
    expect(
      await runMigrateCli({
        argv: [],
        env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/livegate' },
        logger,
      }),
    ).toEqual({
      exitCode: 1,
      line: 'DATABASE_URL postgres://postgres@127.0.0.1:1/livegate: connection refused (is PostgreSQL running there?)',
    });
    await sql`create schema audit`.execute(t.db);
    expect(await runMigrateCli({ argv: [], env: { DATABASE_URL: t.url }, logger })).toEqual({
      exitCode: 1,
      line: 'migration failed: schema "audit" already exists',
    });
  });
});
