import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@livegate/test-harness';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../__fixtures__/capture-logger.js';
import { findPgBinaries, LocalClusterError, startLocalCluster } from './postgres-local.js';

const isRoot = process.getuid?.() === 0;
// initdb refuses root: as root the cluster runs as the postgres user, otherwise as ourselves.
const runAs = isRoot ? 'postgres' : undefined;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'livegate-devrunner-pg-'));
  await chmod(base, 0o755);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function touch(...parts: string[]): Promise<void> {
  await mkdir(join(base, ...parts.slice(0, -1)), { recursive: true });
  await writeFile(join(base, ...parts), '');
}

describe('postgres local - binaries', () => {
  it('prefers the highest installed version that has initdb and pg_ctl, then PATH', async () => {
    await touch('lib', '9.6', 'bin', 'initdb');
    await touch('lib', '9.6', 'bin', 'pg_ctl');
    await touch('lib', '14', 'bin', 'initdb');
    await touch('lib', '14', 'bin', 'pg_ctl');
    await touch('lib', '15', 'bin', 'initdb');
    await touch('lib', 'notes', 'x');
    await touch('path', 'initdb');
    await touch('path', 'pg_ctl');
    const lib = join(base, 'lib');
    expect(findPgBinaries({ versionRoots: [join(base, 'missing'), lib] })).toBe(
      join(lib, '14', 'bin'),
    );
    expect(
      findPgBinaries({ versionRoots: [], pathDirs: [join(base, 'none'), join(base, 'path')] }),
    ).toBe(join(base, 'path'));
    expect(findPgBinaries({ versionRoots: [join(base, 'missing')] })).toBeUndefined();
  });
});

describe('postgres local - cluster', () => {
  const binDir = findPgBinaries();

  it(
    'initialises, starts, reuses and stops a private cluster as the postgres user',
    { timeout: 120_000 },
    async () => {
      expect(binDir).toBeDefined();
      const { logger, messages } = captureLogger();
      const dataDir = join(base, 'data', 'pg');
      const port = await freePort();
      const cluster = await startLocalCluster({
        binDir: binDir as string,
        dataDir,
        port,
        runAs,
        logger,
      });
      expect(cluster).toMatchObject({
        adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
        port,
      });
      const client = new pg.Client({ connectionString: cluster.adminUrl });
      await client.connect();
      expect((await client.query('show listen_addresses')).rows).toEqual([
        { listen_addresses: '127.0.0.1' },
      ]);
      await client.end();

      const again = await startLocalCluster({
        binDir: binDir as string,
        dataDir,
        port: port + 1,
        runAs,
        logger,
      });
      expect(again.port).toBe(port);
      expect(messages()).toEqual([
        'initialising a private PostgreSQL cluster',
        'reusing the private PostgreSQL cluster a previous run left running',
      ]);
      await again.stop();
      await expect(cluster.stop()).rejects.toThrow(LocalClusterError);
    },
  );

  it('reports an unknown OS user', async () => {
    const { logger } = captureLogger();
    await expect(
      startLocalCluster({
        binDir: binDir as string,
        port: 1,
        logger,
        dataDir: join(base, 'u'),
        runAs: 'no_such_user_lg',
      }),
    ).rejects.toThrow(/^cannot run PostgreSQL as no_such_user_lg: /);
  });

  it.runIf(isRoot)('reports initdb refusing to run as root', async () => {
    const { logger } = captureLogger();
    await expect(
      startLocalCluster({
        binDir: binDir as string,
        port: 1,
        logger,
        dataDir: join(base, 'r'),
        runAs: undefined,
      }),
    ).rejects.toThrow(`initdb failed in ${join(base, 'r')}: initdb: error: cannot be run as root`);
  });
});
