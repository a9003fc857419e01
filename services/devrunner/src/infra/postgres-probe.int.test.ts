import { randomBytes } from 'node:crypto';
import { freePort } from '@livegate/test-harness';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ensureDatabase, withDatabase } from './postgres-probe.js';

const adminUrl = inject('pgAdminUrl');
const created: string[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await admin(async (c) => {
    for (const name of created) await c.query(`drop database if exists "${name}" with (force)`);
    await c.query('drop role if exists lg_devrunner_nocreate');
  });
});

describe('postgres probe', () => {
  it('finds an existing database', async () => {
    expect(await ensureDatabase(adminUrl)).toEqual({ ok: true, created: false });
  });

  it('creates the database when the server is up but the database is missing', async () => {
    const name = `lg_devrunner_probe_${randomBytes(4).toString('hex')}`;
    created.push(name);
    const url = withDatabase(adminUrl, name);
    expect(await ensureDatabase(url)).toEqual({ ok: true, created: true });
    const rows = await admin((c) =>
      c.query('select 1 from pg_database where datname = $1', [name]),
    );
    expect(rows.rowCount).toBe(1);
    expect(await ensureDatabase(url)).toEqual({ ok: true, created: false });
  });

  it('says why when nothing answers', async () => {
    const result = await ensureDatabase(
      `postgres://postgres@127.0.0.1:${await freePort()}/livegate`,
    );
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('says why when the database is missing and may not be created', async () => {
    await admin((c) => c.query('create role lg_devrunner_nocreate login'));
    const url = new URL(
      withDatabase(adminUrl, `lg_devrunner_never_${randomBytes(4).toString('hex')}`),
    );
    url.username = 'lg_devrunner_nocreate';
    const result = await ensureDatabase(url.toString());
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^database lg_devrunner_never_\w+ is missing and could not be created: permission denied/,
      ),
    });
  });
});
