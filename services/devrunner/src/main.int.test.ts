import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, freePort, useNats, type TestDatabase } from '@livegate/test-harness';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canConnect } from './wait.js';

// The real `pnpm start` entry, run as a child process the way a developer runs it.
const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const MAIN = 'services/devrunner/src/main.ts';
const simExists = existsSync(`${root}/services/exchange-sim/src/main.ts`);
const nats = useNats();
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
});

afterAll(async () => {
  await database.drop();
  await nats.cleanup();
});

interface Run {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  line(match: RegExp, timeoutMs: number): Promise<string>;
  exit(timeoutMs: number): Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !['NATS_URL', 'DATABASE_URL', 'DEVRUNNER_SERVICES'].includes(k),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: root,
    env: { ...base, LOG_FORMAT: 'json', LIVEGATE_NAMESPACE: nats.namespace, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const listeners = new Set<(line: string) => void>();
  createInterface({ input: child.stdout }).on('line', (l) => {
    stdout.push(l);
    for (const fn of listeners) fn(l);
  });
  createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  const bounded = <T>(p: Promise<T>, timeoutMs: number, what: string) =>
    Promise.race([
      p,
      new Promise<never>((_, reject) =>
        setTimeout(
          () =>
            reject(
              new Error(
                `${what} within ${timeoutMs} ms; stdout: ${stdout.join('\n')} stderr: ${stderr.join('\n')}`,
              ),
            ),
          timeoutMs,
        ).unref(),
      ),
    ]);
  return {
    child,
    stdout,
    stderr,
    line: (match, timeoutMs) =>
      bounded(
        new Promise<string>((resolve) => {
          const found = stdout.find((l) => match.test(l));
          if (found !== undefined) return resolve(found);
          listeners.add((l) => match.test(l) && resolve(l));
        }),
        timeoutMs,
        `no line matching ${match}`,
      ),
    exit: (timeoutMs) => bounded(exited, timeoutMs, 'no exit'),
  };
}

async function count(text: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

describe('pnpm start', () => {
  it('brings the stack up, says it is ready, and stops cleanly on Ctrl-C', async () => {
    const simPort = await freePort();
    const r = run({
      NATS_URL: nats.url,
      DATABASE_URL: database.url,
      SIM_PORT: String(simPort),
      DEVRUNNER_SERVICES: simExists ? 'exchange-sim' : 'none',
    });
    const ready = JSON.parse(await r.line(/"msg":"livegate dev stack ready"/, 60_000)) as Record<
      string,
      unknown
    >;
    expect(ready).toMatchObject({ service: 'devrunner', nats: nats.url });

    expect(await count('select name from kysely_migration')).toBeGreaterThan(0);
    const nc = await connect({ servers: nats.url });
    const jsm = await jetstreamManager(nc);
    expect(
      (await jsm.streams.info(`${nats.namespace.toUpperCase()}_ORDER_INTENTS`)).config.name,
    ).toBeDefined();
    await nc.close();
    if (simExists) {
      expect(ready.services).toEqual({ 'exchange-sim': `http://127.0.0.1:${simPort}` });
      expect((await fetch(`http://127.0.0.1:${simPort}/api/v3/ping`)).status).toBe(200);
    }

    r.child.kill('SIGINT');
    expect(await r.exit(30_000)).toBe(0);
    expect(r.stdout.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    expect(r.stderr).toEqual([]);
    expect(await canConnect(simPort)).toBe(false);
  });
});

describe('pnpm start - bad configuration', () => {
  it('a bad NATS_URL: one line naming it, exit 1', async () => {
    const r = run({
      NATS_URL: 'nats://127.0.0.1:1',
      DATABASE_URL: database.url,
      DEVRUNNER_SERVICES: 'none',
    });
    expect(await r.exit(30_000)).toBe(1);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^NATS_URL nats:\/\/127\.0\.0\.1:1: \S/);
  });

  it('a bad DATABASE_URL: one line naming it, exit 1', async () => {
    const port = await freePort();
    const r = run({
      NATS_URL: nats.url,
      DATABASE_URL: `postgres://postgres:s3cret@127.0.0.1:${port}/livegate`,
      DEVRUNNER_SERVICES: 'none',
    });
    expect(await r.exit(30_000)).toBe(1);
    expect(r.stderr).toEqual([
      `DATABASE_URL postgres://postgres:***@127.0.0.1:${port}/livegate: connection refused (is PostgreSQL running there?)`,
    ]);
  });

  it('a malformed URL: one line naming the variable, exit 1', async () => {
    const r = run({ NATS_URL: 'http://nats.example', DATABASE_URL: database.url });
    expect(await r.exit(30_000)).toBe(1);
    expect(r.stderr).toEqual([
      'invalid configuration: NATS_URL: not a valid URL (expected nats://host:4222)',
    ]);
  });
});
