import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { databaseUrlAs, SERVICE_ROLES, type ServiceName } from '@livegate/db';
import type { DevConfig } from './config.js';

export interface StackPorts {
  readonly sim: number;
  readonly gateway: number;
  readonly web: number;
}

/** What the runner knows once the infrastructure is up; entries derive their env and args from it. */
export interface StackContext {
  readonly natsUrl: string;
  /** The administrator's login: migrations (as the owner) and the roles. */
  readonly databaseUrl: string;
  /** Each service's own login (its role). */
  readonly databaseUrls: Readonly<Record<ServiceName, string>>;
  /** Each service's NATS credentials variables (its seed file and inbox prefix). */
  readonly natsEnv: Readonly<Record<ServiceName, Readonly<Record<string, string>>>>;
  readonly namespace: string;
  readonly logLevel: string;
  readonly ports: StackPorts;
  /** The paper venue and the development live venue (the exchange simulator unless LIVE_VENUE_URL is set). */
  readonly venues: { readonly paper: string; readonly live: string };
  /**
   * The secret the dashboard server proves itself to the gateway with (`GATEWAY_PROXY_SECRET`), so the
   * gateway believes the browser addresses it forwards; generated per start when unset.
   */
  readonly proxySecret: string;
}

/**
 * One service the runner can start: `node --import tsx <dir>/<entry> ...args`. A later issue adds
 * its service by adding an entry here; the runner starts it once `<dir>/<entry>` exists.
 */
export interface ServiceEntry {
  readonly name: string;
  /** Package directory, relative to the repository root. */
  readonly dir: string;
  /** Relative to `dir`; `src/main.ts` unless said otherwise. */
  readonly entry?: string;
  /** Relative to `dir`: the file whose existence means the service is written; `entry` by default. */
  readonly presentWhen?: string;
  /**
   * Who it is: it logs in to the database as this service's role and to NATS as its user. Unset: it
   * gets neither.
   */
  readonly role?: ServiceName;
  /** Which configured port the service listens on, if it serves HTTP. */
  readonly port?: keyof StackPorts;
  readonly args?: (ctx: StackContext) => readonly string[];
  /** Variables on top of the common ones (NATS_URL, LIVEGATE_NAMESPACE, LOG_*) and its DATABASE_URL. */
  readonly env?: (ctx: StackContext) => Readonly<Record<string, string>>;
}

export const localUrl = (port: number): string => `http://127.0.0.1:${port}`;

export interface StackContextProps {
  readonly config: Pick<
    DevConfig,
    'namespace' | 'logLevel' | 'ports' | 'liveVenueUrl' | 'proxySecret' | 'serviceDatabaseUrls'
  >;
  readonly natsUrl: string;
  readonly databaseUrl: string;
  /** Each service's NATS variables; none by default (a bus without credentials). */
  readonly natsEnv?: StackContext['natsEnv'];
}

/** The context once the infrastructure is up: the simulator is the paper venue, and the live one unless LIVE_VENUE_URL is set. */
export function createStackContext({
  config,
  natsUrl,
  databaseUrl,
  natsEnv = { execution: {}, reconciler: {}, arming: {}, gateway: {} },
}: StackContextProps): StackContext {
  const sim = localUrl(config.ports.sim);
  const databaseUrls = Object.fromEntries(
    (Object.keys(SERVICE_ROLES) as ServiceName[]).map((service) => [
      service,
      config.serviceDatabaseUrls[service] ?? databaseUrlAs(databaseUrl, SERVICE_ROLES[service]),
    ]),
  ) as Record<ServiceName, string>;
  return {
    natsUrl,
    databaseUrl,
    databaseUrls,
    natsEnv,
    namespace: config.namespace,
    logLevel: config.logLevel,
    ports: config.ports,
    venues: { paper: sim, live: config.liveVenueUrl ?? sim },
    proxySecret: config.proxySecret ?? randomBytes(32).toString('hex'),
  };
}

/**
 * Development accounts on the simulator, which creates them at start (`SIM_ACCOUNTS`). Paper and
 * live are different accounts, as execution and the reconciler require.
 */
export const DEV_VENUE_ACCOUNTS = {
  paper: { apiKey: 'lgdevpaper', apiSecret: 'lg-dev-paper-secret' },
  live: { apiKey: 'lgdevlive', apiSecret: 'lg-dev-live-secret' },
} as const;

/** What each development account holds at start: room for many small orders on every symbol. */
export const DEV_ACCOUNT_BALANCES = { USDT: '100000', BTC: '2', ETH: '20', BNB: '100' } as const;

/** The simulator's last prices at start (and after a reset), one per listed symbol. */
export const DEV_SIM_PRICES = {
  BTCUSDT: '60000.00',
  ETHUSDT: '3000.00',
  BNBUSDT: '600.00',
  ETHBTC: '0.05000',
} as const;

/** The simulator's env: the development accounts, funded, and the start prices. */
const simEnv = (): Record<string, string> => ({
  SIM_ACCOUNTS: JSON.stringify(
    [DEV_VENUE_ACCOUNTS.paper, DEV_VENUE_ACCOUNTS.live].map((account) => ({
      ...account,
      balances: DEV_ACCOUNT_BALANCES,
    })),
  ),
  SIM_PRICES: JSON.stringify(DEV_SIM_PRICES),
});

/**
 * The venues of execution and the reconciler: base URLs, and the simulator's development accounts.
 * A live venue that is not the simulator gets no key here: LIVE_API_KEY / LIVE_API_SECRET come
 * from the runner's own environment.
 */
const venueEnv = (ctx: StackContext): Record<string, string> => ({
  PAPER_VENUE_URL: ctx.venues.paper,
  LIVE_VENUE_URL: ctx.venues.live,
  PAPER_BASE_URL: ctx.venues.paper,
  PAPER_API_KEY: DEV_VENUE_ACCOUNTS.paper.apiKey,
  PAPER_API_SECRET: DEV_VENUE_ACCOUNTS.paper.apiSecret,
  LIVE_BASE_URL: ctx.venues.live,
  ...(ctx.venues.live === localUrl(ctx.ports.sim) && {
    LIVE_API_KEY: DEV_VENUE_ACCOUNTS.live.apiKey,
    LIVE_API_SECRET: DEV_VENUE_ACCOUNTS.live.apiSecret,
    VENUE_MARKET_PRICE_SOURCE: 'tickerPrice',
  }),
});

/**
 * Execution's venue streams on the simulator (user data over its WebSocket API, bookTicker over its
 * market streams): in steady state an order then costs one venue request. A live venue that is not
 * the simulator gets none here (LIVE_WS_API_URL / LIVE_STREAM_URL from the runner's environment).
 */
const streamEnv = (ctx: StackContext): Record<string, string> => {
  const sim = localUrl(ctx.ports.sim).replace(/^http/, 'ws');
  return {
    PAPER_WS_API_URL: `${sim}/ws-api/v3`,
    PAPER_STREAM_URL: sim,
    ...(ctx.venues.live === localUrl(ctx.ports.sim) && {
      LIVE_WS_API_URL: `${sim}/ws-api/v3`,
      LIVE_STREAM_URL: sim,
    }),
  };
};

/** Every service of the stack, in start order (the venue first, the dashboard last). */
export const SERVICE_REGISTRY: readonly ServiceEntry[] = [
  {
    name: 'exchange-sim',
    dir: 'services/exchange-sim',
    port: 'sim',
    args: (ctx) => ['--port', String(ctx.ports.sim)],
    env: simEnv,
  },
  { name: 'arming', dir: 'services/arming', role: 'arming' },
  { name: 'reconciler', dir: 'services/reconciler', role: 'reconciler', env: venueEnv },
  {
    name: 'execution',
    dir: 'services/execution',
    role: 'execution',
    env: (ctx) => ({ ...venueEnv(ctx), ...streamEnv(ctx) }),
  },
  {
    name: 'gateway',
    dir: 'services/gateway',
    role: 'gateway',
    port: 'gateway',
    env: (ctx) => ({
      GATEWAY_PORT: String(ctx.ports.gateway),
      GATEWAY_ALLOWED_ORIGINS: `${localUrl(ctx.ports.web)},http://localhost:${ctx.ports.web}`,
      GATEWAY_PROXY_SECRET: ctx.proxySecret,
    }),
  },
  {
    name: 'web',
    dir: 'web',
    entry: 'node_modules/vite/bin/vite.js',
    presentWhen: 'svelte.config.js',
    port: 'web',
    args: (ctx) => ['dev', '--host', '127.0.0.1', '--port', String(ctx.ports.web), '--strictPort'],
    env: (ctx) => ({
      GATEWAY_URL: localUrl(ctx.ports.gateway),
      GATEWAY_PROXY_SECRET: ctx.proxySecret,
    }),
  },
];

/** A registry entry resolved against the context: everything needed to launch it. */
export interface ServiceSpec {
  readonly name: string;
  /** Absolute package directory (the child's cwd). */
  readonly dir: string;
  /** Absolute entry file. */
  readonly entry: string;
  /** Absolute path whose existence means the service is written. */
  readonly marker: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly port: number | undefined;
  readonly url: string | undefined;
}

/** The variables every child gets. */
export function commonEnv(ctx: StackContext): Record<string, string> {
  return {
    NATS_URL: ctx.natsUrl,
    LIVEGATE_NAMESPACE: ctx.namespace,
    LOG_LEVEL: ctx.logLevel,
    LOG_FORMAT: 'json',
  };
}

export function resolveEntry(entry: ServiceEntry, ctx: StackContext, root: string): ServiceSpec {
  const dir = join(root, entry.dir);
  const port = entry.port === undefined ? undefined : ctx.ports[entry.port];
  const file = join(dir, entry.entry ?? 'src/main.ts');
  return {
    name: entry.name,
    dir,
    entry: file,
    marker: entry.presentWhen === undefined ? file : join(dir, entry.presentWhen),
    args: entry.args?.(ctx) ?? [],
    env: {
      ...commonEnv(ctx),
      ...(entry.role !== undefined && {
        DATABASE_URL: ctx.databaseUrls[entry.role],
        ...ctx.natsEnv[entry.role],
      }),
      ...entry.env?.(ctx),
    },
    port,
    url: port === undefined ? undefined : localUrl(port),
  };
}

export interface ServiceSelection {
  /** Present and wanted, in registry order. */
  readonly start: readonly ServiceSpec[];
  /** Wanted, but not written yet (no entry file). */
  readonly absent: readonly string[];
}

export interface SelectServicesProps {
  readonly registry: readonly ServiceEntry[];
  readonly ctx: StackContext;
  readonly root: string;
  /** `'all'` or the names to start (DEVRUNNER_SERVICES). */
  readonly only: readonly string[] | 'all';
  readonly exists: (path: string) => boolean;
}

/** Picks the services to start: wanted ones whose entry file exists. Unknown names are an error. */
export function selectServices({
  registry,
  ctx,
  root,
  only,
  exists,
}: SelectServicesProps): ServiceSelection {
  const known = new Set(registry.map((e) => e.name));
  const unknown = only === 'all' ? [] : only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(
      `DEVRUNNER_SERVICES names unknown services: ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
    );
  }
  const wanted = registry.filter((e) => only === 'all' || only.includes(e.name));
  const specs = wanted.map((e) => resolveEntry(e, ctx, root));
  return {
    start: specs.filter((s) => exists(s.marker)),
    absent: specs.filter((s) => !exists(s.marker)).map((s) => s.name),
  };
}
