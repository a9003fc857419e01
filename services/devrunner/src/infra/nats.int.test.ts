import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busAuthFromEnv, BusConnectError, connectBus } from '@livegate/bus';
import { freePort, startTrustedNats, useNats } from '@livegate/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../__fixtures__/capture-logger.js';
import { DevRunnerError } from '../errors.js';
import { createSupervisor } from '../supervisor.js';
import { canConnect } from '../wait.js';
import { resolveNats, serviceNatsEnv, type ResolveNatsProps } from './nats.js';

const nats = useNats();
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'livegate-devrunner-nats-'));
});

afterAll(async () => {
  await nats.cleanup();
  await rm(base, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const path = join(base, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

let stores = 0;
async function props(overrides: Partial<ResolveNatsProps> = {}): Promise<ResolveNatsProps> {
  const { logger } = captureLogger();
  stores += 1;
  return {
    configuredUrl: undefined,
    credentialsFile: undefined,
    listenUrl: `nats://127.0.0.1:${await freePort()}`,
    strategies: ['alpha'],
    storeDir: join(base, `store-${stores}`),
    namespace: nats.namespace,
    logger,
    supervisor: createSupervisor({ logger, killTimeoutMs: 2_000 }),
    cwd: base,
    env: process.env,
    ...overrides,
  };
}

function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as Error,
  );
}

describe('resolve nats - NATS_URL set', () => {
  it('connects under the namespace, without credentials when none are given', async () => {
    const r = await resolveNats(await props({ configuredUrl: nats.url }));
    expect(r).toMatchObject({ url: nats.url, source: 'env', users: undefined });
    expect(r.bus.namespace).toBe(nats.namespace);
    expect(serviceNatsEnv(r, nats.namespace).execution).toEqual({});
    await r.bus.close();
  });

  it('connects as the administrator of NATS_CREDENTIALS_FILE and hands each service its seed', async () => {
    const trusted = await startTrustedNats();
    const file = join(base, 'credentials.json');
    await writeFile(file, JSON.stringify({ version: 1, users: trusted.users }));
    const p = await props({
      configuredUrl: trusted.url,
      credentialsFile: file,
      namespace: trusted.namespace,
    });
    const r = await resolveNats(p);
    await r.bus.ensureStreams();
    const env = serviceNatsEnv(r, trusted.namespace).gateway;
    expect(env).toEqual({
      NATS_NKEY_SEED: expect.stringMatching(/^SU/),
      NATS_INBOX_PREFIX: `_INBOX_${trusted.namespace}_gateway`,
    });
    await r.bus.close();
    await trusted.stop();
  });

  it('refuses an unreachable one with one line naming NATS_URL', async () => {
    const err = await failure(resolveNats(await props({ configuredUrl: 'nats://127.0.0.1:1' })));
    expect(err).toBeInstanceOf(BusConnectError);
    expect(err.message).toMatch(/^NATS_URL nats:\/\/127\.0\.0\.1:1: /);
  });
});

describe('resolve nats - NATS_URL unset', () => {
  it('starts its own nats-server that lets in only the generated users, keeps them, and stops it', async () => {
    const p = await props({ namespace: 'devns' });
    const r = await resolveNats(p);
    expect(r).toMatchObject({ url: p.listenUrl, source: 'started', seedDir: p.storeDir });
    await r.bus.ensureStreams();
    await expect(connectBus({ url: p.listenUrl, name: 'anon', logger: p.logger })).rejects.toThrow(
      /authorization failed/,
    );
    const env = serviceNatsEnv(r, 'devns').execution;
    expect(env.NATS_NKEY_SEED_FILE).toBe(join(p.storeDir, 'users', 'execution@devns', 'seed'));
    const execution = await connectBus({
      url: p.listenUrl,
      name: 'execution',
      logger: p.logger,
      namespace: 'devns',
      auth: busAuthFromEnv(env),
    });
    await execution.close();
    await r.bus.close();
    await p.supervisor.stopAll();
    expect(await canConnect(Number(new URL(p.listenUrl).port))).toBe(false);
    const again = await resolveNats(p);
    expect(again.users).toEqual(r.users);
    await again.bus.close();
    await p.supervisor.stopAll();
  });
});

describe('resolve nats - cannot start', () => {
  it('says what to install when nats-server is missing', async () => {
    const err = await failure(
      resolveNats(await props({ natsServer: join(base, 'no-such-nats-server') })),
    );
    expect(err).toBeInstanceOf(DevRunnerError);
    expect(err.message).toMatch(
      /^NATS_URL is not set, and nats-server could not be run \(spawn .*ENOENT\): install nats-server or set NATS_URL$/,
    );
  });

  it('reports the last line of a server that exits, or that it printed nothing', async () => {
    const loud = await script('loud.sh', 'echo "[FTL] address already in use" >&2; exit 1');
    expect((await failure(resolveNats(await props({ natsServer: loud })))).message).toMatch(
      /, and nats-server exited \(code 1\): \[FTL\] address already in use$/,
    );
    const silent = await script('silent.sh', 'exit 2');
    expect((await failure(resolveNats(await props({ natsServer: silent })))).message).toMatch(
      /, and nats-server exited \(code 2\): no output$/,
    );
  });

  it('gives up on a server that never listens', async () => {
    const mute = await script('mute.sh', 'exec sleep 30');
    const p = await props({ natsServer: mute, startTimeoutMs: 300 });
    const err = await failure(resolveNats(p));
    expect(err.message).toMatch(/, and nats-server did not accept connections within 300 ms$/);
    const [exit] = await p.supervisor.stopAll();
    expect(exit).toMatchObject({ name: 'nats-server', requested: true });
  });
});
