import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { connectBus, type Bus } from '@livegate/bus';
import { armingSchemas, intentMsgId, orderIntentSchema } from '@livegate/contracts';
import { createLogger } from '@livegate/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  startNatsServer,
  startTrustedNats,
  type StartedNats,
} from '../../harness/src/index.js';
import { intent, startStack, waitFor, type Stack } from '../execution/fixture.js';

// Each service is started while PostgreSQL and NATS are both unreachable: it must keep retrying
// (logged, bounded backoff), never exit, and come up and work once they appear: first Postgres (a
// TCP proxy to the test database starts listening on the port the service was given), then NATS
// (a private nats-server on the port it was given). A configuration error still ends it at once.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RETRY = { STARTUP_RETRY_DELAY_MS: '100', STARTUP_RETRY_MAX_DELAY_MS: '400' };
const NAMESPACE = 'late';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.stop();
});

interface Child {
  readonly process: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The JSON log lines so far. */
  records(): Array<Record<string, unknown>>;
}

function startService(service: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_FORMAT: 'json', LIVEGATE_NAMESPACE: NAMESPACE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (d: Buffer) => stdout.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr.on('data', (d: Buffer) => stderr.push(...d.toString().split('\n').filter(Boolean)));
  const exited = once(child, 'close').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const records = () =>
    stdout.flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return { process: child, stdout, stderr, exited, records };
}

function venueEnv(): Record<string, string> {
  return {
    PAPER_BASE_URL: s.sim.url,
    PAPER_API_KEY: s.paper.apiKey,
    PAPER_API_SECRET: s.paper.apiSecret,
    LIVE_BASE_URL: s.sim.url,
    LIVE_API_KEY: s.live.apiKey,
    LIVE_API_SECRET: s.live.apiSecret,
    VENUE_MARKET_PRICE_SOURCE: 'tickerPrice',
  };
}

/** The test database's URL as `role`, but on `port` of 127.0.0.1 (where the proxy will listen). */
function databaseUrlVia(port: number, role: string): string {
  const url = new URL(s.t.urlAs(role));
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.href;
}

/** A TCP proxy to the test database's server, listening on `port` from now on. */
async function startPgProxy(port: number): Promise<{ close(): Promise<void> }> {
  const target = new URL(s.t.url);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const sock of [client, upstream]) {
      sockets.add(sock);
      sock.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      sock.on('close', () => sockets.delete(sock));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: async () => {
      for (const sock of sockets) sock.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The retry warnings the service logged about `dependency` so far. */
function retries(child: Child, dependency: string) {
  return child
    .records()
    .filter((r) => r.level === 40 && r.dependency === dependency)
    .map((r) => ({ retry: r.retry as number, delayMs: r.delayMs as number, msg: r.msg as string }));
}

async function waitForRetries(child: Child, dependency: string, count: number): Promise<void> {
  await waitFor(
    `${count} retries of ${dependency}`,
    () => {
      if (child.process.exitCode !== null || child.process.signalCode !== null)
        throw new Error(
          `exited while waiting:\n${child.stdout.join('\n')}\n${child.stderr.join('\n')}`,
        );
      return retries(child, dependency).length >= count;
    },
    { timeoutMs: 30_000 },
  );
}

async function waitForLine(child: Child, msg: string): Promise<void> {
  await waitFor(
    `"${msg}"`,
    () => {
      if (child.process.exitCode !== null || child.process.signalCode !== null)
        throw new Error(
          `exited while waiting:\n${child.stdout.join('\n')}\n${child.stderr.join('\n')}`,
        );
      return child.records().some((r) => r.msg === msg);
    },
    { timeoutMs: 30_000 },
  );
}

/** The waits double from 100 ms up to the 400 ms cap, each jittered down by at most a fifth. */
function expectBoundedBackoff(child: Child, dependency: string): void {
  const seen = retries(child, dependency);
  seen.forEach(({ retry, delayMs }, i) => {
    expect(retry).toBe(i + 1);
    const full = Math.min(400, 100 * 2 ** i);
    expect(delayMs).toBeLessThanOrEqual(full);
    expect(delayMs).toBeGreaterThanOrEqual(full * 0.8);
  });
  expect(seen[0]?.msg).toMatch(
    new RegExp(`^${dependency} not reachable \\(.+\\); retry 1 in \\d+ ms$`),
  );
}

interface Late {
  readonly pgPort: number;
  readonly natsPort: number;
  readonly natsUrl: string;
  /** Starts Postgres (the proxy) and then NATS once the service has retried each a few times. */
  arrive(child: Child): Promise<void>;
  bus(): Promise<Bus>;
  stop(): Promise<void>;
}

async function lateDependencies(): Promise<Late> {
  const pgPort = await freePort();
  const natsPort = await freePort();
  let proxy: { close(): Promise<void> } | undefined;
  let nats: StartedNats | undefined;
  let client: Bus | undefined;
  return {
    pgPort,
    natsPort,
    natsUrl: `nats://127.0.0.1:${natsPort}`,
    async arrive(child) {
      await waitForRetries(child, 'PostgreSQL', 4);
      proxy = await startPgProxy(pgPort);
      await waitForRetries(child, 'NATS', 3);
      nats = await startNatsServer({ port: natsPort });
    },
    async bus() {
      client ??= await connectBus({
        url: `nats://127.0.0.1:${natsPort}`,
        name: 'late-test',
        logger: createLogger({ service: 'late-test', level: 'silent' }),
        namespace: NAMESPACE,
      });
      return client;
    },
    async stop() {
      await client?.close();
      await nats?.stop();
      await proxy?.close();
    },
  };
}

async function stopsCleanly(child: Child): Promise<void> {
  child.process.kill('SIGTERM');
  expect(await child.exited).toEqual({ code: 0, signal: null });
}

function expectCameUp(child: Child): void {
  expectBoundedBackoff(child, 'PostgreSQL');
  expectBoundedBackoff(child, 'NATS');
  const msgs = child.records().map((r) => r.msg);
  expect(msgs).toContainEqual(expect.stringMatching(/^PostgreSQL reachable after \d+ attempts$/));
  expect(msgs).toContainEqual(expect.stringMatching(/^NATS reachable after \d+ attempts$/));
  expect(child.stderr).toEqual([]);
}

describe('services outlive late dependencies', () => {
  it('arming retries Postgres and NATS, then serves arming.*', async () => {
    const late = await lateDependencies();
    const child = startService('arming', {
      ...RETRY,
      DATABASE_URL: databaseUrlVia(late.pgPort, 'livegate_arming'),
      NATS_URL: late.natsUrl,
    });
    try {
      await late.arrive(child);
      await waitForLine(child, 'arming service started');
      const bus = await late.bus();
      const reply = await bus.request(
        bus.subjects.arming('status'),
        armingSchemas.status.request,
        armingSchemas.status.reply,
        {},
        { timeoutMs: 5_000 },
      );
      expect(reply).toMatchObject({ ok: true, result: { mode: 'PAPER' } });
      expectCameUp(child);
      await stopsCleanly(child);
    } finally {
      child.process.kill('SIGKILL');
      await late.stop();
    }
  });

  it('the gateway retries Postgres and NATS, then answers HTTP', async () => {
    const late = await lateDependencies();
    const port = await freePort();
    const child = startService('gateway', {
      ...RETRY,
      DATABASE_URL: databaseUrlVia(late.pgPort, 'livegate_gateway'),
      NATS_URL: late.natsUrl,
      PORT: String(port),
    });
    try {
      await late.arrive(child);
      await waitForLine(child, 'gateway listening');
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      expectCameUp(child);
      await stopsCleanly(child);
    } finally {
      child.process.kill('SIGKILL');
      await late.stop();
    }
  });

  it('the reconciler retries Postgres and NATS, then reconciles every venue', async () => {
    const late = await lateDependencies();
    const child = startService('reconciler', {
      ...RETRY,
      ...venueEnv(),
      DATABASE_URL: databaseUrlVia(late.pgPort, 'livegate_reconciler'),
      NATS_URL: late.natsUrl,
    });
    try {
      await late.arrive(child);
      await waitForLine(child, 'reconciler started');
      expectCameUp(child);
      await stopsCleanly(child);
    } finally {
      child.process.kill('SIGKILL');
      await late.stop();
    }
  });

  it('execution retries Postgres and NATS, then places a paper intent', async () => {
    const late = await lateDependencies();
    const child = startService('execution', {
      ...RETRY,
      ...venueEnv(),
      DATABASE_URL: databaseUrlVia(late.pgPort, 'livegate_execution'),
      NATS_URL: late.natsUrl,
      EXECUTION_REQUIRE_RECONCILE: 'false',
      EXECUTION_INSTANCE_ID: 'late-deps',
    });
    try {
      await late.arrive(child);
      await waitForLine(child, 'execution service started');
      const bus = await late.bus();
      const i = intent();
      await bus.publish(bus.subjects.orderIntent(i.source), orderIntentSchema, i, {
        msgId: intentMsgId(i),
      });
      expect(await s.rowWhen(i.intentId, (r) => r.state === 'NEW', 30_000)).toMatchObject({
        state: 'NEW',
      });
      expectCameUp(child);
      await stopsCleanly(child);
    } finally {
      child.process.kill('SIGKILL');
      await late.stop();
    }
  });
});

describe('a configuration error still ends a service at once', () => {
  const refusedLogin = (port: number) => {
    const url = new URL(s.t.urlAs('livegate_nobody'));
    url.port = String(port);
    return url.href;
  };

  for (const service of ['arming', 'gateway', 'reconciler', 'execution'] as const) {
    it(`${service}: a login Postgres refuses is one line on stderr and exit 1, not a retry`, async () => {
      const pgPort = Number(new URL(s.t.url).port || 5432);
      const child = startService(service, {
        ...RETRY,
        ...venueEnv(),
        DATABASE_URL: refusedLogin(pgPort),
        NATS_URL: 'nats://127.0.0.1:1',
      });
      expect(await child.exited).toEqual({ code: 1, signal: null });
      expect(child.stderr).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${service}: DATABASE_URL postgres://livegate_nobody@.*: authentication failed`,
          ),
        ),
      ]);
      expect(retries(child, 'PostgreSQL')).toEqual([]);
    });
  }

  it('NATS refusing the credentials is one line on stderr and exit 1, not a retry', async () => {
    const nats = await startTrustedNats();
    try {
      const child = startService('arming', {
        ...RETRY,
        DATABASE_URL: s.t.urlAs('livegate_arming'),
        NATS_URL: nats.url,
      });
      expect(await child.exited).toEqual({ code: 1, signal: null });
      expect(child.stderr).toEqual([
        `arming: NATS_URL ${nats.url}: authorization failed (check the credentials)`,
      ]);
      expect(retries(child, 'NATS')).toEqual([]);
    } finally {
      await nats.stop();
    }
  });

  it('a bad retry setting is one line naming it and exit 1', async () => {
    const child = startService('execution', {
      ...venueEnv(),
      STARTUP_RETRY_DELAY_MS: 'soon',
    });
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(child.stderr).toEqual([
      expect.stringMatching(/^execution: invalid configuration: STARTUP_RETRY_DELAY_MS: /),
    ]);
  });

  it('SIGTERM while it is still retrying ends it at once', async () => {
    const child = startService('reconciler', {
      ...RETRY,
      ...venueEnv(),
      DATABASE_URL: databaseUrlVia(await freePort(), 'livegate_reconciler'),
      NATS_URL: 'nats://127.0.0.1:1',
    });
    await waitForRetries(child, 'PostgreSQL', 2);
    child.process.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
  });
});
