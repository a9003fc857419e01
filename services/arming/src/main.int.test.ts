import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectBus, type Bus } from '@livegate/bus';
import { armingSchemas } from '@livegate/contracts';
import { createLogger } from '@livegate/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  useNats,
  type TestDatabase,
  type TestNats,
} from '../../../tests/harness/src/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Started {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

function startMain(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (b: Buffer) => stdout.push(...b.toString().split('\n').filter(Boolean)));
  child.stderr?.on('data', (b: Buffer) => stderr.push(...b.toString().split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, stdout, stderr, exited };
}

function within<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function logLine(s: Started, msg: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!s.stdout.some((l) => l.includes(`"msg":"${msg}"`))) {
    if (Date.now() > deadline || s.child.exitCode !== null) {
      throw new Error(
        `no "${msg}" log line; stdout: ${s.stdout.join('\n')} stderr: ${s.stderr.join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('arming main.ts', () => {
  let t: TestDatabase;
  let nats: TestNats;
  let client: Bus;
  beforeAll(async () => {
    t = await createTestDatabase();
    nats = useNats();
    client = await connectBus({
      url: nats.url,
      name: 'arming-main-test',
      logger: createLogger({ service: 'test', level: 'silent' }),
      namespace: nats.namespace,
    });
    await client.ensureStreams();
  });
  afterAll(async () => {
    await client.close();
    await nats.cleanup();
    await t.drop();
  });

  it('serves arming.* from the env it is given and stops cleanly on SIGTERM', async () => {
    const s = startMain({
      DATABASE_URL: t.urlAs('livegate_arming'),
      NATS_URL: nats.url,
      LIVEGATE_NAMESPACE: nats.namespace,
    });
    await logLine(s, 'arming service started');
    const reply = await client.request(
      client.subjects.arming('status'),
      armingSchemas.status.request,
      armingSchemas.status.reply,
      {},
      { timeoutMs: 5_000 },
    );
    expect(reply).toEqual({
      ok: true,
      result: { mode: 'PAPER', version: 0, reconcileBlocked: false },
    });
    s.child.kill('SIGTERM');
    expect(await within('exit after SIGTERM', s.exited, 10_000)).toBe(0);
    expect(s.stdout.some((l) => l.includes('"msg":"arming service stopped"'))).toBe(true);
  });

  it('exits 1 with one line naming DATABASE_URL when the database refuses its login', async () => {
    const url = new URL(t.urlAs('livegate_nobody'));
    const s = startMain({ DATABASE_URL: url.href, NATS_URL: nats.url });
    expect(await within('exit', s.exited, 20_000)).toBe(1);
    expect(s.stderr).toEqual([
      expect.stringMatching(
        /^arming: DATABASE_URL postgres:\/\/livegate_nobody@.*: authentication failed/,
      ),
    ]);
  });

  it('exits 1 with one line naming every bad variable', async () => {
    const s = startMain({ ARM_TOKEN_TTL_S: '0', ARM_REQUIRE_SECOND_OPERATOR: 'maybe' });
    expect(await within('exit', s.exited, 20_000)).toBe(1);
    expect(s.stderr).toEqual([
      expect.stringMatching(
        /^arming: invalid configuration: ARM_TOKEN_TTL_S: .*; ARM_REQUIRE_SECOND_OPERATOR: /,
      ),
    ]);
  });
});
