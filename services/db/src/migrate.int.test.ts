import { Writable } from 'node:stream';
import { createLogger } from '@livegate/runtime';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/harness/src/index.js';
import { createDb } from './create-db.js';
import { migrateDown, migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

function captureLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ service: 'db-test', destination }) };
}

async function schemaExists<DB>(db: Kysely<DB>, name: string): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_namespace where nspname = ${name}`.execute(db);
  return rows[0]?.n === 1;
}

describe('migrations on a fresh database', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    await t.drop();
  });

  const names = Object.keys(migrations);
  const last = names[names.length - 1];

  it('go up, down step by step and up again, logging each step', async () => {
    const { lines, logger } = captureLogger();
    expect(await migrateToLatest(t.db, logger)).toEqual({
      ok: true,
      steps: names.map((name) => ({ name, direction: 'Up', status: 'Success' })),
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ migration: '0001_audit_log', direction: 'Up', status: 'Success' }),
    );
    expect(await schemaExists(t.db, 'audit')).toBe(true);
    expect(await migrateToLatest(t.db)).toEqual({ ok: true, steps: [] });

    expect(await migrateDown(t.db, logger)).toEqual({
      ok: true,
      steps: [{ name: last, direction: 'Down', status: 'Success' }],
    });
    for (const name of [...names].reverse().slice(1)) {
      expect(await migrateDown(t.db)).toEqual({
        ok: true,
        steps: [{ name, direction: 'Down', status: 'Success' }],
      });
    }
    expect(await schemaExists(t.db, 'audit')).toBe(false);
    expect(await migrateDown(t.db)).toEqual({ ok: true, steps: [] });

    expect((await migrateToLatest(t.db)).ok).toBe(true);
    expect(await schemaExists(t.db, 'audit')).toBe(true);
  });

  it('report a failing migration as a value and leave nothing half-applied', async () => {
    await sql`create schema audit`.execute(t.db);
    await sql`create table audit.squatter (x int)`.execute(t.db);
    const { lines, logger } = captureLogger();
    const outcome = await migrateToLatest(t.db, logger);
    expect(outcome).toEqual({
      ok: false,
      steps: names.map((name, i) => ({
        name,
        direction: 'Up',
        status: i === 0 ? 'Error' : 'NotExecuted',
      })),
      error: 'schema "audit" already exists',
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'migration failed: schema "audit" already exists',
      }),
    );
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from kysely_migration`.execute(t.db);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('report an unreachable database as a value too', async () => {
    const db = createDb({ url: 'postgres://postgres@127.0.0.1:1/livegate' });
    const outcome = await migrateToLatest(db);
    expect(outcome).toMatchObject({
      ok: false,
      steps: [],
      error: 'connect ECONNREFUSED 127.0.0.1:1',
    });
    await db.destroy();
  });
});
