import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { portOpen, run, startChild, waitFor, type Child } from './child.js';
import { USERS, OPERATOR, VENUE_ACCOUNTS, VENUE_BALANCES } from './credentials.js';
import { freePort } from '../../harness/src/free-port.js';
import { createE2eDatabase, type E2eDatabase } from './postgres.js';
import type { E2eNats } from './nats.js';

export interface StackProps {
  /** Names the database, namespace and log files, e.g. `main`. */
  readonly label: string;
  readonly root: string;
  readonly logDir: string;
  /** The shared authenticated server; this stack's users are those of `namespace`. */
  readonly nats: E2eNats;
  readonly namespace: string;
  /** ARM_TOKEN_TTL_S for this stack's arming service. */
  readonly tokenTtlS?: number;
  /** Trade: the exchange simulator (both venues), the reconciler and execution, a strategy API key. */
  readonly withSim?: boolean;
  /** Risk limit changes need a second operator (the gateway's `ARM_REQUIRE_SECOND_OPERATOR` only). */
  readonly riskFourEyes?: boolean;
}

export interface Stack {
  readonly label: string;
  readonly webUrl: string;
  readonly gatewayUrl: string;
  readonly simUrl: string | undefined;
  readonly simAdminToken: string;
  /** A strategy API key (Bearer) for POST /api/orders; set when the stack trades (withSim). */
  readonly strategyKey: string | undefined;
  readonly databaseUrl: string;
  readonly namespace: string;
  /** The gateway alone, for outage scenarios: stop it (SIGTERM) and start it again on the same port. */
  readonly gateway: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

interface Ctx {
  readonly props: StackProps;
  readonly db: E2eDatabase;
  readonly namespace: string;
  readonly ports: { gateway: number; web: number; sim: number };
  readonly simUrl: string | undefined;
  readonly simAdminToken: string;
  /** Shared by the gateway and the dashboard server (X-Livegate-Proxy), as `pnpm start` does. */
  readonly proxySecret: string;
}

/** The database role a service logs in as (created by the migration step, which logs in as postgres). */
type DbRole = 'livegate_execution' | 'livegate_reconciler' | 'livegate_arming' | 'livegate_gateway';

/** The stack database's URL logging in as `role`. */
function urlAs(url: string, role: DbRole): string {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.toString();
}

const serviceOf = (role: DbRole) =>
  role.slice('livegate_'.length) as 'execution' | 'reconciler' | 'arming' | 'gateway';

/** The NATS variables of a generated user (an nkey seed and its inbox prefix). */
function natsEnv(auth: ReturnType<E2eNats['auth']>): Record<string, string> {
  if (!('nkeySeed' in auth)) throw new Error('E2E users are nkey users');
  return { NATS_NKEY_SEED: auth.nkeySeed, NATS_INBOX_PREFIX: auth.inboxPrefix ?? '' };
}

/** A service started with `node --import tsx <entry>` from its package directory. */
interface ServiceSpec {
  readonly name: string;
  readonly dir: string;
  /** Its own database login and NATS user; none for the simulator. */
  readonly role?: DbRole;
  readonly entry?: string;
  readonly args?: (ctx: Ctx) => readonly string[];
  readonly env?: (ctx: Ctx) => Record<string, string>;
  /** Resolves once the service can be used. */
  readonly ready?: (ctx: Ctx, child: Child) => Promise<void>;
}

const LIVE_SESSION_MAX_S = 4 * 3600;
const localUrl = (port: number) => `http://127.0.0.1:${port}`;

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await res.body?.cancel();
  return res.ok;
}

/** Both venues are the simulator, on its two accounts. */
const venueEnv = (ctx: Ctx): Record<string, string> => {
  const sim = ctx.simUrl ?? '';
  return {
    PAPER_BASE_URL: sim,
    PAPER_API_KEY: VENUE_ACCOUNTS.paper.apiKey,
    PAPER_API_SECRET: VENUE_ACCOUNTS.paper.apiSecret,
    LIVE_BASE_URL: sim,
    LIVE_API_KEY: VENUE_ACCOUNTS.live.apiKey,
    LIVE_API_SECRET: VENUE_ACCOUNTS.live.apiSecret,
  };
};

/**
 * The trading services, in start order, for a stack with the simulator. The reconciler runs at its
 * start and when asked (execution at its start, "Reconcile now"); its timer is an hour, so no run
 * of its own lands in a scenario (arming is refused while one runs). Execution is ready once that
 * first live run has opened its live intake.
 */
const TRADING_SERVICES: ServiceSpec[] = [
  {
    name: 'reconciler',
    dir: 'services/reconciler',
    role: 'livegate_reconciler',
    env: (ctx) => ({ ...venueEnv(ctx), RECONCILE_INTERVAL_S: '3600' }),
    ready: (_ctx, child) =>
      waitFor(
        'the reconciler to finish its start-up runs',
        async () => child.printed(/"msg":"reconciler started"/),
        { child },
      ),
  },
  {
    name: 'execution',
    dir: 'services/execution',
    role: 'livegate_execution',
    env: (ctx) => ({
      ...venueEnv(ctx),
      EXECUTION_INSTANCE_ID: `e2e-${ctx.props.label}`,
      // The venue streams: balances and prices without a request per order.
      PAPER_WS_API_URL: `${(ctx.simUrl ?? '').replace(/^http/, 'ws')}/ws-api/v3`,
      PAPER_STREAM_URL: (ctx.simUrl ?? '').replace(/^http/, 'ws'),
      LIVE_WS_API_URL: `${(ctx.simUrl ?? '').replace(/^http/, 'ws')}/ws-api/v3`,
      LIVE_STREAM_URL: (ctx.simUrl ?? '').replace(/^http/, 'ws'),
      VENUE_MARKET_PRICE_SOURCE: 'tickerPrice',
    }),
    ready: (_ctx, child) =>
      waitFor(
        'execution to open its live intake (a live reconcile after its start)',
        async () => child.printed(/"msg":"live venue reconciled[^"]*: live intake open"/),
        { child },
      ),
  },
];

const SIM: ServiceSpec = {
  name: 'exchange-sim',
  dir: 'services/exchange-sim',
  args: (ctx) => ['--port', String(ctx.ports.sim)],
  env: (ctx) => ({
    SIM_ADMIN_TOKEN: ctx.simAdminToken,
    SIM_ACCOUNTS: JSON.stringify(
      [VENUE_ACCOUNTS.paper, VENUE_ACCOUNTS.live].map((a) => ({ ...a, balances: VENUE_BALANCES })),
    ),
    SIM_PRICES: JSON.stringify({ BTCUSDT: '60000.00', BNBUSDT: '600.00' }),
  }),
  ready: (ctx, child) =>
    waitFor('the exchange simulator to listen', () => portOpen(ctx.ports.sim), { child }),
};

/** Read by the gateway (GET /api/live/info, the ARM LIVE modal) and the arming service alike. */
const liveEnv = (ctx: Ctx) => ({
  ARM_TOKEN_TTL_S: String(ctx.props.tokenTtlS ?? 60),
  LIVE_SESSION_MAX_S: String(LIVE_SESSION_MAX_S),
});

const GATEWAY: ServiceSpec = {
  name: 'gateway',
  dir: 'services/gateway',
  role: 'livegate_gateway',
  env: (ctx) => ({
    PORT: String(ctx.ports.gateway),
    HOST: '127.0.0.1',
    GATEWAY_ALLOWED_ORIGINS: localUrl(ctx.ports.web),
    GATEWAY_PROXY_SECRET: ctx.proxySecret,
    LIVE_VENUE_LABEL: 'Exchange simulator (E2E)',
    LIVE_ACCOUNT_LABEL: 'e2e-account',
    ...liveEnv(ctx),
    ...(ctx.props.riskFourEyes === true && { ARM_REQUIRE_SECOND_OPERATOR: 'true' }),
  }),
  ready: (ctx, child) =>
    waitFor(
      'the gateway to answer /healthz',
      () => httpOk(`${localUrl(ctx.ports.gateway)}/healthz`),
      { child },
    ),
};

const ARMING: ServiceSpec = {
  name: 'arming',
  dir: 'services/arming',
  role: 'livegate_arming',
  env: liveEnv,
};

/** Signs in as the operator and waits until GET /api/mode answers, i.e. arming replies through the gateway. */
async function armingAnswers(gatewayUrl: string, arming: Child): Promise<void> {
  const login = await fetch(`${gatewayUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: OPERATOR.name, password: OPERATOR.password }),
  });
  if (!login.ok)
    throw new Error(`E2E operator cannot sign in: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  await waitFor(
    'the arming service to answer through the gateway',
    async () => {
      const res = await fetch(`${gatewayUrl}/api/mode`, { headers: { cookie } });
      await res.body?.cancel();
      return res.ok;
    },
    { child: arming },
  );
}

export async function startStack(props: StackProps): Promise<Stack> {
  const { label, root, logDir, nats, namespace } = props;
  const started: Child[] = [];
  const db = await createE2eDatabase(label);
  const [gateway, web, sim] = await Promise.all([freePort(), freePort(), freePort()]);
  const ctx: Ctx = {
    props,
    db,
    namespace,
    ports: { gateway, web, sim },
    simUrl: props.withSim ? localUrl(sim) : undefined,
    simAdminToken: randomBytes(16).toString('hex'),
    proxySecret: randomBytes(32).toString('hex'),
  };
  const common = {
    NATS_URL: nats.url,
    LIVEGATE_NAMESPACE: ctx.namespace,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
  };
  const log = (name: string) => join(logDir, `${label}-${name}.log`);
  const tsx = (
    name: string,
    dir: string,
    entry: string,
    args: readonly string[],
    env: Record<string, string>,
  ) =>
    startChild({
      name: `${label}/${name}`,
      command: process.execPath,
      args: ['--import', 'tsx', entry, ...args],
      cwd: join(root, dir),
      env: { ...common, ...env },
      logFile: log(name),
    });

  async function launch(spec: ServiceSpec): Promise<Child> {
    const entry = join(root, spec.dir, spec.entry ?? 'src/main.ts');
    if (!existsSync(entry)) throw new Error(`${spec.name}: ${entry} does not exist`);
    const child = tsx(spec.name, spec.dir, entry, spec.args?.(ctx) ?? [], {
      ...(spec.role !== undefined && {
        DATABASE_URL: urlAs(db.url, spec.role),
        ...natsEnv(nats.auth(namespace, { role: 'service', service: serviceOf(spec.role) })),
      }),
      ...spec.env?.(ctx),
    });
    started.push(child);
    await spec.ready?.(ctx, child);
    return child;
  }

  async function stop(): Promise<void> {
    await Promise.all(
      started
        .splice(0)
        .reverse()
        .map((c) => c.stop()),
    );
    await db.drop();
  }

  let gatewayChild: Child | undefined;
  const gatewayControl = {
    async stop() {
      const child = gatewayChild;
      gatewayChild = undefined;
      if (child === undefined) return;
      started.splice(started.indexOf(child), 1);
      await child.stop();
    },
    async start() {
      gatewayChild ??= await launch(GATEWAY);
    },
  };

  let strategyKey: string | undefined;
  try {
    await nats.provision(namespace);
    await run({
      name: `${label}/migrate`,
      command: process.execPath,
      args: ['--import', 'tsx', 'services/db/src/main.ts'],
      cwd: root,
      env: { DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
      logFile: log('migrate'),
    });
    for (const user of USERS) {
      await run({
        name: `${label}/operator:add ${user.name}`,
        command: process.execPath,
        args: [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'operator:add',
          '--name',
          user.name,
          '--role',
          user.role,
        ],
        cwd: join(root, 'services/gateway'),
        env: { DATABASE_URL: urlAs(db.url, 'livegate_gateway'), OPERATOR_PASSWORD: user.password },
        logFile: log('cli'),
      });
    }
    if (props.withSim) {
      const out = await run({
        name: `${label}/apikey:add`,
        command: process.execPath,
        args: [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'apikey:add',
          '--label',
          'e2e-strategy',
          '--source',
          'e2e-strategy',
        ],
        cwd: join(root, 'services/gateway'),
        env: { DATABASE_URL: urlAs(db.url, 'livegate_gateway') },
        logFile: log('cli'),
      });
      strategyKey = out.trim().split('\n').at(-1);
      if (!/^[A-Za-z0-9_-]{20,}$/.test(strategyKey ?? ''))
        throw new Error(`apikey:add printed no key:\n${out}`);
      await launch(SIM);
    }
    await gatewayControl.start();
    const arming = await launch(ARMING);
    if (props.withSim) for (const spec of TRADING_SERVICES) await launch(spec);
    await armingAnswers(localUrl(gateway), arming);
    const webChild = startChild({
      name: `${label}/web`,
      command: process.execPath,
      args: ['server.js'],
      cwd: join(root, 'web'),
      env: {
        PORT: String(web),
        HOST: '127.0.0.1',
        ORIGIN: localUrl(web),
        GATEWAY_URL: localUrl(gateway),
        GATEWAY_PROXY_SECRET: ctx.proxySecret,
      },
      logFile: log('web'),
    });
    started.push(webChild);
    await waitFor('the dashboard to serve /login', () => httpOk(`${localUrl(web)}/login`), {
      child: webChild,
    });
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }

  return {
    label,
    webUrl: localUrl(web),
    gatewayUrl: localUrl(gateway),
    simUrl: ctx.simUrl,
    simAdminToken: ctx.simAdminToken,
    strategyKey,
    databaseUrl: db.url,
    namespace: ctx.namespace,
    gateway: gatewayControl,
    stop,
  };
}
