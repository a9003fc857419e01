import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { busAuthFromEnv, connectBus, type Bus } from '@livegate/bus';
import { orderEventSchema, type OrderEvent } from '@livegate/contracts';
import { createLogger } from '@livegate/runtime';
import { createTestDatabase, freePort, type TestDatabase } from '@livegate/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_VENUE_ACCOUNTS } from './registry.js';
import { canConnect } from './wait.js';

// `pnpm start` as a developer runs it (main.ts in a child process, the real registry), without the
// dashboard: a paper intent sent to the gateway with a strategy API key reaches the simulator. The
// runner starts its own nats-server (NATS_URL unset): every service works under its NATS user and
// permissions and its database role, and the test follows the events as the strategy's user.
const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const SERVICES = 'exchange-sim,arming,reconciler,execution,gateway';
const ADMIN_TOKEN = 'devrunner-trading-test';
const namespace = `dev${randomBytes(4).toString('hex')}`;
let database: TestDatabase;
let dataDir: string;
let strategy: Bus | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  dataDir = await mkdtemp(join(tmpdir(), 'livegate-dev-trading-'));
});

afterAll(async () => {
  await strategy?.close();
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The strategy `devstack` on the runner's server, with the seed the runner wrote for it. */
async function connectStrategy(natsPort: number): Promise<Bus> {
  return connectBus({
    url: `nats://127.0.0.1:${natsPort}`,
    name: 'strategy-devstack',
    logger: createLogger({ service: 'dev-trading-test', level: 'silent' }),
    namespace,
    auth: busAuthFromEnv({
      NATS_NKEY_SEED_FILE: join(dataDir, 'nats', 'users', `strategy-devstack@${namespace}`, 'seed'),
      NATS_INBOX_PREFIX: `_INBOX_${namespace}_strategy-devstack`,
    }),
  });
}

function childEnv(extra: Record<string, string>): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    ([k, v]) => v !== undefined && !['NATS_URL', 'DATABASE_URL', 'DEVRUNNER_SERVICES'].includes(k),
  ) as [string, string][];
  return { ...Object.fromEntries(inherited), LOG_FORMAT: 'json', ...extra };
}

interface Lines {
  readonly all: string[];
  /** Resolves with the first line (already seen or to come) matching `match`; rejects after `ms`. */
  wait(match: RegExp, ms: number): Promise<string>;
}

function lines(child: ChildProcess, stream: 'stdout' | 'stderr'): Lines {
  const all: string[] = [];
  const waiters = new Set<(line: string) => void>();
  createInterface({ input: child[stream]! }).on('line', (l) => {
    all.push(l);
    for (const w of waiters) w(l);
  });
  return {
    all,
    wait: (match, ms) =>
      new Promise((resolve, reject) => {
        const found = all.find((l) => match.test(l));
        if (found !== undefined) return resolve(found);
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${match} within ${ms} ms:\n${all.join('\n')}`)),
          ms,
        );
        waiters.add((l) => {
          if (!match.test(l)) return;
          clearTimeout(timer);
          resolve(l);
        });
      }),
  };
}

/** A strategy API key from the gateway CLI (`pnpm apikey:add`), read from its output. */
async function strategyKey(): Promise<string> {
  const cli = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'services/gateway/src/cli/main.ts',
      'apikey:add',
      '--label',
      'devstack',
      '--source',
      'devstack',
    ],
    {
      cwd: root,
      env: childEnv({ DATABASE_URL: database.urlAs('livegate_gateway') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out = lines(cli, 'stdout');
  const err = lines(cli, 'stderr');
  const code = await new Promise<number | null>((resolve) => cli.once('close', resolve));
  expect(code, err.all.join('\n')).toBe(0);
  const key = out.all.at(-1) ?? '';
  expect(key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  return key;
}

/** The first order event of `intentId` whose state is `state`, from the bus (bounded). */
function orderEvent(bus: Bus, intentId: string, state: string, ms = 30_000): Promise<OrderEvent> {
  const sub = bus.nc.subscribe(bus.subjects.orderEvent('devstack', intentId));
  const seen: string[] = [];
  return new Promise<OrderEvent>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(
        new Error(`no ${state} event for ${intentId} within ${ms} ms; saw ${seen.join(', ')}`),
      );
    }, ms);
    void (async () => {
      for await (const m of sub) {
        const event = orderEventSchema.parse(m.json());
        seen.push(`${event.type}/${event.state}`);
        if (event.state !== state && event.type !== 'order.rejected') continue;
        clearTimeout(timer);
        sub.unsubscribe();
        if (event.state === state) resolve(event);
        else reject(new Error(`${intentId} was rejected: ${JSON.stringify(event)}`));
      }
    })();
  });
}

describe('pnpm start - the dev stack trades on the simulator', () => {
  it('a paper intent through POST /api/orders fills (MARKET) or rests (LIMIT) on the dev paper account', async () => {
    const [simPort, gatewayPort, webPort, natsPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const runner = spawn(process.execPath, ['--import', 'tsx', 'services/devrunner/src/main.ts'], {
      cwd: root,
      env: childEnv({
        DATABASE_URL: database.url,
        LIVEGATE_NAMESPACE: namespace,
        LIVEGATE_DATA_DIR: dataDir,
        LIVEGATE_NATS_PORT: String(natsPort),
        LIVEGATE_STRATEGIES: 'devstack',
        DEVRUNNER_SERVICES: SERVICES,
        SIM_PORT: String(simPort),
        GATEWAY_PORT: String(gatewayPort),
        WEB_PORT: String(webPort),
        SIM_ADMIN_TOKEN: ADMIN_TOKEN,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = lines(runner, 'stdout');
    const stderr = lines(runner, 'stderr');
    const exited = new Promise<number | null>((resolve) => runner.once('close', resolve));
    try {
      await stdout.wait(/"msg":"livegate dev stack ready"/, 90_000);
      const key = await strategyKey();
      strategy = await connectStrategy(natsPort);
      const market = `devstack-market-${randomUUID().slice(0, 8)}`;
      const limit = `devstack-limit-${randomUUID().slice(0, 8)}`;
      const filled = orderEvent(strategy, market, 'FILLED');
      const resting = orderEvent(strategy, limit, 'NEW');
      resting.catch(() => undefined); // awaited below, after the first
      const post = async (intent: Record<string, string>) => {
        const res = await fetch(`http://127.0.0.1:${gatewayPort}/api/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'idempotency-key': intent.intentId ?? '',
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            mode: 'paper',
            symbol: 'BTCUSDT',
            side: 'BUY',
            source: 'devstack',
            createdAt: new Date().toISOString(),
            ...intent,
          }),
        });
        expect(res.status, await res.clone().text()).toBe(202);
      };
      await post({ intentId: market, type: 'MARKET', quantity: '0.001' });
      await post({
        intentId: limit,
        type: 'LIMIT',
        quantity: '0.001',
        price: '50000.00',
        timeInForce: 'GTC',
      });
      expect(await filled).toMatchObject({ intentId: market, exchangeStatus: 'FILLED' });
      expect(await resting).toMatchObject({ intentId: limit, exchangeStatus: 'NEW' });

      const orders = (await (
        await fetch(
          `http://127.0.0.1:${simPort}/__sim/orders?apiKey=${DEV_VENUE_ACCOUNTS.paper.apiKey}`,
          { headers: { 'x-sim-admin-token': ADMIN_TOKEN } },
        )
      ).json()) as { clientOrderId: string; status: string; type: string }[];
      expect(orders.map((o) => [o.type, o.status]).sort()).toEqual([
        ['LIMIT', 'NEW'],
        ['MARKET', 'FILLED'],
      ]);
      const liveOrders = (await (
        await fetch(
          `http://127.0.0.1:${simPort}/__sim/orders?apiKey=${DEV_VENUE_ACCOUNTS.live.apiKey}`,
          { headers: { 'x-sim-admin-token': ADMIN_TOKEN } },
        )
      ).json()) as unknown[];
      expect(liveOrders).toEqual([]);
    } finally {
      await strategy?.close();
      strategy = undefined;
      runner.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout.all.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    expect(stdout.all.filter((l) => /"code":-2015|VENUE_UNHEALTHY/.test(l))).toEqual([]);
    expect(stderr.all).toEqual([]);
    expect(await canConnect(simPort)).toBe(false);
    expect(await canConnect(gatewayPort)).toBe(false);
  }, 150_000);
});
