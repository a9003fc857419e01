import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbConnectError } from '@livegate/db';
import { freePort } from '@livegate/test-harness';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureLogger } from '../__fixtures__/capture-logger.js';
import { DevRunnerError } from '../errors.js';
import { findPgBinaries } from './postgres-local.js';
import { withDatabase } from './postgres-probe.js';
import { resolvePostgres } from './postgres.js';

const adminUrl = inject('pgAdminUrl');
const binDir = findPgBinaries();
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'livegate-devrunner-pgr-'));
  await chmod(base, 0o755);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const props = () => ({
  probeUrl: 'unused',
  binDir,
  dataDir: join(base, 'pg'),
  port: 1,
  runAs: process.getuid?.() === 0 ? 'postgres' : undefined,
  logger: captureLogger().logger,
});

describe('resolve postgres - DATABASE_URL set', () => {
  it('uses it once it answers', async () => {
    const r = await resolvePostgres({ ...props(), configuredUrl: adminUrl });
    expect(r.url).toBe(adminUrl);
    expect(r.source).toBe('env');
    await r.stop();
  });

  it('creates its database when the server answers but the database is missing', async () => {
    const name = `lg_devrunner_env_${randomBytes(4).toString('hex')}`;
    const url = withDatabase(adminUrl, name);
    const log = captureLogger();
    const r = await resolvePostgres({ ...props(), logger: log.logger, configuredUrl: url });
    expect(r).toMatchObject({ url, source: 'env' });
    expect(log.messages()).toEqual(['created the database']);
    expect(await query(url, 'select current_database() as db')).toEqual([{ db: name }]);
    await query(adminUrl, `drop database "${name}" with (force)`);
  });

  it('refuses an unreachable one with one line naming DATABASE_URL', async () => {
    const url = `postgres://postgres:hunter2@127.0.0.1:${await freePort()}/livegate`;
    const err = await resolvePostgres({ ...props(), configuredUrl: url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbConnectError);
    expect((err as Error).message).toMatch(
      /^DATABASE_URL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/livegate: connection refused/,
    );
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('resolve postgres - DATABASE_URL unset', () => {
  it('uses a running server where the database exists', async () => {
    const log = captureLogger();
    const r = await resolvePostgres({
      ...props(),
      logger: log.logger,
      configuredUrl: undefined,
      probeUrl: adminUrl,
    });
    expect(r).toMatchObject({ url: adminUrl, source: 'found' });
    expect(log.messages()).toEqual([]);
  });

  it('uses a running server, creating the database there', async () => {
    const name = `lg_devrunner_found_${randomBytes(4).toString('hex')}`;
    const probeUrl = withDatabase(adminUrl, name);
    const log = captureLogger();
    const r = await resolvePostgres({
      ...props(),
      logger: log.logger,
      configuredUrl: undefined,
      probeUrl,
    });
    expect(r).toMatchObject({ url: probeUrl, source: 'found' });
    expect(log.messages()).toEqual(['created the database']);
    await r.stop();
    await query(adminUrl, `drop database "${name}" with (force)`);
  });

  it('says what to install when nothing answers and PostgreSQL is not installed', async () => {
    const probeUrl = `postgres://postgres@127.0.0.1:${await freePort()}/livegate`;
    const err = await resolvePostgres({
      ...props(),
      binDir: undefined,
      configuredUrl: undefined,
      probeUrl,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DevRunnerError);
    expect((err as DevRunnerError).code).toBe('POSTGRES_UNAVAILABLE');
    expect((err as Error).message).toMatch(
      /^DATABASE_URL is not set, nothing usable answers at postgres:\/\/postgres@127\.0\.0\.1:\d+\/livegate \(.*ECONNREFUSED.*\), and no PostgreSQL binaries \(initdb, pg_ctl\) were found: install PostgreSQL \(e\.g\. apt-get install postgresql\) or set DATABASE_URL$/,
    );
  });

  it('starts a private cluster with the database, and stops it', { timeout: 120_000 }, async () => {
    const probeUrl = `postgres://postgres@127.0.0.1:${await freePort()}/livegate`;
    const port = await freePort();
    const r = await resolvePostgres({ ...props(), port, configuredUrl: undefined, probeUrl });
    expect(r).toMatchObject({
      url: `postgres://postgres@127.0.0.1:${port}/livegate`,
      source: 'started',
    });
    expect(await query(r.url, 'select current_database() as db')).toEqual([{ db: 'livegate' }]);
    await r.stop();
    await expect(query(r.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);

    const noRole = `postgres://nobody_lg@127.0.0.1:${await freePort()}/livegate`;
    const err = await resolvePostgres({
      ...props(),
      port,
      configuredUrl: undefined,
      probeUrl: noRole,
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /, and the private cluster cannot serve postgres:\/\/nobody_lg@127\.0\.0\.1:\d+\/livegate: .*role "nobody_lg" does not exist/,
    );
    await expect(query(r.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('says why the private cluster did not start', async () => {
    const probeUrl = `postgres://postgres@127.0.0.1:${await freePort()}/livegate`;
    const err = await resolvePostgres({
      ...props(),
      runAs: 'no_such_user_lg',
      configuredUrl: undefined,
      probeUrl,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DevRunnerError);
    expect((err as Error).message).toMatch(
      /, and the private cluster in .*\/pg did not start: cannot run PostgreSQL as no_such_user_lg: /,
    );
  });
});
