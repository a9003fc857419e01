import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BusConnectError } from '@livegate/bus';
import { DbConnectError } from '@livegate/db';
import { createTestDatabase, freePort, useNats, type TestDatabase } from '@livegate/test-harness';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { captureLogger } from './__fixtures__/capture-logger.js';
import { loadConfig, type DevConfig } from './config.js';
import { DevRunnerError } from './errors.js';
import type { ServiceEntry } from './registry.js';
import { startStack, type StartStackProps } from './stack.js';
import { canConnect } from './wait.js';

const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const FIXTURES = 'services/devrunner/src/__fixtures__';
const nats = useNats();
const databases: TestDatabase[] = [];

afterEach(async () => {
  for (const d of databases.splice(0)) await d.drop();
});

afterAll(async () => {
  await nats.cleanup();
});

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

async function emptyDatabase(): Promise<TestDatabase> {
  const d = await createTestDatabase({ migrated: false });
  databases.push(d);
  return d;
}

async function configFor(env: Record<string, string>, argv: string[] = []): Promise<DevConfig> {
  return loadConfig({
    env: {
      LIVEGATE_NAMESPACE: nats.namespace,
      SIM_PORT: String(await freePort()),
      GATEWAY_PORT: String(await freePort()),
      DEVRUNNER_READY_TIMEOUT_MS: '10000',
      ...env,
    },
    argv,
    root,
    isTTY: false,
    isRoot: true,
  });
}

function props(config: DevConfig, overrides: Partial<StartStackProps> = {}) {
  const out: string[] = [];
  const log = captureLogger();
  const p: StartStackProps = {
    config,
    logger: log.logger,
    nodeArgs: [],
    env: process.env,
    write: (t) => out.push(t),
    ...overrides,
  };
  return { p, out, log };
}

const fixtures: ServiceEntry[] = [
  {
    name: 'fx-server',
    dir: FIXTURES,
    entry: 'child.mjs',
    port: 'sim',
    args: (ctx) => ['serve', String(ctx.ports.sim)],
  },
  { name: 'fx-absent', dir: `${FIXTURES}/nowhere` },
  {
    name: 'fx-worker',
    dir: FIXTURES,
    entry: 'child.mjs',
    args: () => ['idle'],
    env: (ctx) => ({ FIXTURE_ENV: ctx.venues.live }),
  },
  { name: 'fx-dies', dir: FIXTURES, entry: 'child.mjs', port: 'gateway', args: () => ['crash'] },
];

async function streamConfigs(): Promise<Map<string, { duplicate_window: number }>> {
  const nc = await connect({ servers: nats.url });
  try {
    const jsm = await jetstreamManager(nc);
    const found = new Map<string, { duplicate_window: number }>();
    for await (const info of jsm.streams.list()) {
      if (info.config.name.startsWith(`${nats.namespace.toUpperCase()}_`))
        found.set(info.config.name, info.config);
    }
    return found;
  } finally {
    await nc.close();
  }
}

describe('stack - start and stop', () => {
  it('migrates, provisions streams, starts the services that exist, says where, and stops them', async () => {
    const db = await emptyDatabase();
    const config = await configFor({
      NATS_URL: nats.url,
      DATABASE_URL: db.url,
      INTENT_DUPLICATE_WINDOW_MS: '5000',
      DEVRUNNER_RESTART_DELAY_MS: '60000',
    });
    const { p, out, log } = props(config, { registry: fixtures });
    const stack = await startStack(p);

    expect(stack.nats).toEqual({ url: nats.url, source: 'env' });
    expect(stack.database).toEqual({ url: db.url, source: 'env' });
    const simUrl = `http://127.0.0.1:${config.ports.sim}`;
    expect(stack.services).toEqual([
      { name: 'fx-server', url: simUrl },
      { name: 'fx-worker', url: undefined },
      { name: 'fx-dies', url: `http://127.0.0.1:${config.ports.gateway}` },
    ]);
    const messages = log.messages();
    expect(messages).toContain('not written yet: fx-absent');
    expect(messages).toContain(`fx-server at ${simUrl}`);
    expect(messages).toContain('fx-worker running');
    expect(messages).toContain(
      `fx-dies is not accepting connections on port ${config.ports.gateway}`,
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^fx-dies crashed \(code 3\) after \d+ ms; restarting in 60000 ms /),
    );
    expect(log.records.at(-1)).toMatchObject({
      msg: 'livegate dev stack ready',
      nats: nats.url,
      services: {
        'fx-server': simUrl,
        'fx-worker': 'running',
        'fx-dies': `http://127.0.0.1:${config.ports.gateway}`,
      },
    });

    const applied = await query(db.url, 'select name from kysely_migration order by name');
    expect(applied[0]?.name).toMatch(/^0001_/);
    const streams = await streamConfigs();
    expect([...streams.keys()].sort()).toEqual(
      ['AUDIT', 'DEAD_LETTERS', 'MODE', 'ORDER_EVENTS', 'ORDER_INTENTS', 'RECONCILE'].map(
        (n) => `${nats.namespace.toUpperCase()}_${n}`,
      ),
    );
    expect(streams.get(`${nats.namespace.toUpperCase()}_ORDER_INTENTS`)?.duplicate_window).toBe(
      5_000 * 1e6,
    );

    expect(await (await fetch(simUrl)).text()).toBe('ok');
    const workerLine = () =>
      out.map((t) => JSON.parse(t) as Record<string, unknown>).find((r) => r.msg === 'idle');
    await expect
      .poll(workerLine, { timeout: 10_000 })
      .toMatchObject({ env: simUrl, service: 'fixture' });

    await stack.stop();
    expect(await canConnect(config.ports.sim)).toBe(false);
    expect(log.messages()).toEqual(
      expect.arrayContaining(['fx-server stopped', 'fx-worker stopped']),
    );
  });

  it('--setup migrates and provisions streams on its own authenticated nats-server when NATS_URL is unset, then starts nothing', async () => {
    const db = await emptyDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'livegate-devrunner-setup-'));
    const config = await configFor(
      {
        DATABASE_URL: db.url,
        LIVEGATE_DATA_DIR: dataDir,
        LIVEGATE_NATS_PORT: String(await freePort()),
      },
      ['--setup'],
    );
    const { p, log } = props(config, { registry: fixtures });
    const stack = await startStack(p);
    expect(stack.nats).toEqual({ url: config.natsListenUrl, source: 'started' });
    expect(stack.services).toEqual([]);
    expect(log.messages().at(-1)).toBe('migrations applied and streams provisioned');
    await expect(connect({ servers: config.natsListenUrl, reconnect: false })).rejects.toThrow(
      /Authorization Violation/,
    );
    await stack.stop();
    stack.killNow();
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('stack - refusals', () => {
  it('fails with one line naming DATABASE_URL or NATS_URL, before starting anything', async () => {
    const dead = await freePort();
    const badDb = await configFor({
      NATS_URL: nats.url,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${dead}/x`,
    });
    const dbErr = await startStack(props(badDb).p).catch((e: unknown) => e);
    expect(dbErr).toBeInstanceOf(DbConnectError);
    expect((dbErr as Error).message).toMatch(/^DATABASE_URL .*: connection refused/);

    const db = await emptyDatabase();
    const badNats = await configFor({ NATS_URL: `nats://127.0.0.1:${dead}`, DATABASE_URL: db.url });
    const natsErr = await startStack(props(badNats).p).catch((e: unknown) => e);
    expect(natsErr).toBeInstanceOf(BusConnectError);
    expect((natsErr as Error).message).toMatch(/^NATS_URL nats:\/\/127\.0\.0\.1:\d+: /);
  });

  it('reports failed migrations, and refuses unknown service names after undoing the start', async () => {
    const db = await emptyDatabase();
    await query(db.url, 'create schema audit');
    const config = await configFor({ NATS_URL: nats.url, DATABASE_URL: db.url });
    const err = await startStack(props(config).p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DevRunnerError);
    expect(err).toMatchObject({ code: 'MIGRATION_FAILED' });
    expect((err as Error).message).toMatch(
      /^migrations failed on DATABASE_URL .*: .*"audit" already exists/,
    );

    const asService = await configFor({
      NATS_URL: nats.url,
      DATABASE_URL: db.urlAs('livegate_gateway'),
    });
    const notOwner = await startStack(props(asService).p).catch((e: unknown) => e);
    expect(notOwner).toMatchObject({ code: 'MIGRATION_FAILED' });
    expect((notOwner as Error).message).toMatch(
      /^migrations failed on DATABASE_URL .*: DATABASE_URL logs in as "livegate_gateway", which is neither livegate_owner nor allowed to create roles/,
    );

    const fresh = await emptyDatabase();
    const unknown = await configFor({
      NATS_URL: nats.url,
      DATABASE_URL: fresh.url,
      DEVRUNNER_SERVICES: 'fx-nope',
    });
    await expect(startStack(props(unknown, { registry: fixtures }).p)).rejects.toThrow(
      /DEVRUNNER_SERVICES names unknown services: fx-nope/,
    );
  });
});
