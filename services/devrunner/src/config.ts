import { DEFAULT_DATABASE_URL, SERVICE_ROLES, type ServiceName } from '@livegate/db';
import { parseEnv } from '@livegate/runtime';
import type { RestartPolicy } from './supervisor.js';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

function urlWithScheme(schemes: readonly string[], example: string) {
  return z.string().refine(
    (raw) => {
      try {
        return schemes.includes(new URL(raw).protocol);
      } catch {
        return false;
      }
    },
    { message: `not a valid URL (expected ${example})` },
  );
}

const port = z.coerce.number().int().min(1).max(65_535);
const postgresUrl = urlWithScheme(
  ['postgres:', 'postgresql:'],
  'postgres://user@host:5432/database',
);

/** `EXECUTION_DATABASE_URL` etc.: where each service logs in (default: DATABASE_URL as its role). */
const SERVICE_DATABASE_VARS = {
  execution: 'EXECUTION_DATABASE_URL',
  reconciler: 'RECONCILER_DATABASE_URL',
  arming: 'ARMING_DATABASE_URL',
  gateway: 'GATEWAY_DATABASE_URL',
} as const satisfies Record<ServiceName, string>;

const envSchema = z.object({
  PATH: z.string().optional(),
  NATS_URL: urlWithScheme(['nats:', 'tls:', 'ws:', 'wss:'], 'nats://host:4222').optional(),
  DATABASE_URL: postgresUrl.optional(),
  EXECUTION_DATABASE_URL: postgresUrl.optional(),
  RECONCILER_DATABASE_URL: postgresUrl.optional(),
  ARMING_DATABASE_URL: postgresUrl.optional(),
  GATEWAY_DATABASE_URL: postgresUrl.optional(),
  LIVEGATE_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-" only')
    .optional(),
  LIVEGATE_DATA_DIR: z.string().optional(),
  LIVEGATE_NATS_PORT: port.default(4223),
  NATS_CREDENTIALS_FILE: z.string().optional(),
  LIVEGATE_STRATEGIES: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}(,[A-Za-z0-9_-]{1,32})*$/, 'a comma-separated list of sources')
    .optional(),
  LIVEGATE_PG_PORT: port.default(5433),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  SIM_PORT: port.default(8090),
  GATEWAY_PORT: port.default(8080),
  WEB_PORT: port.default(5173),
  LIVE_VENUE_URL: urlWithScheme(['http:', 'https:'], 'https://api.binance.com').optional(),
  INTENT_DUPLICATE_WINDOW_MS: z.coerce.number().int().positive().optional(),
  DEVRUNNER_SERVICES: z
    .string()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'a comma-separated list of service names, or "none"')
    .optional(),
  DEVRUNNER_KILL_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  DEVRUNNER_READY_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  DEVRUNNER_RESTART_DELAY_MS: z.coerce.number().int().positive().default(1_000),
  DEVRUNNER_RESTART_MAX_DELAY_MS: z.coerce.number().int().positive().default(30_000),
  DEVRUNNER_RESTART_STABLE_MS: z.coerce.number().int().positive().default(60_000),
  GATEWAY_PROXY_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (unset: one is generated at start)')
    .optional(),
});

export interface DevConfig {
  /** The repository root; service dirs are relative to it. */
  readonly root: string;
  /** `.data/`: the NATS store and the private Postgres cluster live here. */
  readonly dataDir: string;
  /** `NATS_URL` when set; otherwise the runner starts its own server that requires credentials. */
  readonly natsUrl: string | undefined;
  /** Where the runner's own nats-server listens (`LIVEGATE_NATS_PORT`, default 4223). */
  readonly natsListenUrl: string;
  /** The users of a NATS_URL server (`NATS_CREDENTIALS_FILE`, from `pnpm bus:config`). */
  readonly natsCredentialsFile: string | undefined;
  /** Strategy sources that get a NATS user (`LIVEGATE_STRATEGIES`). */
  readonly strategies: readonly string[];
  /** `DATABASE_URL` when set; otherwise the runner probes, then starts, a local cluster. */
  readonly databaseUrl: string | undefined;
  /**
   * Each service's login when set (`EXECUTION_DATABASE_URL`, ...); otherwise DATABASE_URL's server
   * and database as `livegate_<service>`. A password in one is set on that role at setup.
   */
  readonly serviceDatabaseUrls: Readonly<Partial<Record<ServiceName, string>>>;
  /** Tried when DATABASE_URL is unset: `DEFAULT_DATABASE_URL`. */
  readonly probe: { readonly databaseUrl: string };
  /** Port of the private Postgres cluster under `.data/pg`. */
  readonly localPgPort: number;
  /** OS user that runs the private cluster: `postgres` when we are root (initdb refuses root). */
  readonly pgRunAs: string | undefined;
  /** PATH entries, searched for initdb/pg_ctl and nats-server. */
  readonly pathDirs: readonly string[];
  /** Prefix for subjects and streams (tests use their own). */
  readonly namespace: string;
  readonly logLevel: string;
  readonly pretty: boolean;
  readonly ports: { readonly sim: number; readonly gateway: number; readonly web: number };
  /** The live venue; the exchange simulator when unset (development). */
  readonly liveVenueUrl: string | undefined;
  readonly intentDuplicateWindowMs: number | undefined;
  /** Names of the services to start, or `'all'`. */
  readonly services: readonly string[] | 'all';
  readonly killTimeoutMs: number;
  /** How a crashed service is restarted (DEVRUNNER_RESTART_*): 1 s doubling to 30 s, reset after 60 s up. */
  readonly restart: RestartPolicy;
  readonly readyTimeoutMs: number;
  /** `--setup`: migrate and provision streams, then exit (used by docker compose). */
  readonly setupOnly: boolean;
  /** Shared by the gateway and the dashboard (`X-Livegate-Proxy`); generated at start when unset. */
  readonly proxySecret: string | undefined;
}

export interface LoadConfigProps {
  readonly env: Record<string, string | undefined>;
  readonly argv: readonly string[];
  readonly root: string;
  /** Whether stdout is a terminal: pretty logs by default. */
  readonly isTTY: boolean;
  /** Whether the runner runs as root. */
  readonly isRoot: boolean;
}

/** `--setup`, or nothing. A bare `--` is dropped: `pnpm start -- --setup` hands it on with the rest. */
function parseArgs(raw: readonly string[]): { setupOnly: boolean } {
  const argv = raw.filter((a) => a !== '--');
  const unknown = argv.filter((a) => a !== '--setup');
  if (unknown.length > 0)
    throw new Error(`unknown argument ${unknown.join(' ')} (only --setup is accepted)`);
  return { setupOnly: argv.includes('--setup') };
}

function parseServices(raw: string | undefined): readonly string[] | 'all' {
  if (raw === undefined) return 'all';
  if (raw === 'none') return [];
  return raw.split(',');
}

/** Reads the runner's environment once; throws a ConfigError naming every bad variable. */
export function loadConfig({ env, argv, root, isTTY, isRoot }: LoadConfigProps): DevConfig {
  const { setupOnly } = parseArgs(argv);
  const e = parseEnv(envSchema, env);
  const dataDir = e.LIVEGATE_DATA_DIR ?? join(root, '.data');
  return Object.freeze({
    root,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(root, dataDir),
    natsUrl: e.NATS_URL,
    databaseUrl: e.DATABASE_URL,
    serviceDatabaseUrls: Object.fromEntries(
      (Object.keys(SERVICE_ROLES) as ServiceName[]).flatMap((service) => {
        const url = e[SERVICE_DATABASE_VARS[service]];
        return url === undefined ? [] : [[service, url]];
      }),
    ),
    natsListenUrl: `nats://127.0.0.1:${e.LIVEGATE_NATS_PORT}`,
    natsCredentialsFile: e.NATS_CREDENTIALS_FILE,
    strategies: e.LIVEGATE_STRATEGIES?.split(',') ?? [],
    probe: { databaseUrl: DEFAULT_DATABASE_URL },
    localPgPort: e.LIVEGATE_PG_PORT,
    pgRunAs: isRoot ? 'postgres' : undefined,
    pathDirs: (e.PATH ?? '').split(delimiter).filter((d) => d !== ''),
    namespace: e.LIVEGATE_NAMESPACE ?? '',
    logLevel: e.LOG_LEVEL,
    pretty: e.LOG_FORMAT === undefined ? isTTY : e.LOG_FORMAT === 'pretty',
    ports: { sim: e.SIM_PORT, gateway: e.GATEWAY_PORT, web: e.WEB_PORT },
    liveVenueUrl: e.LIVE_VENUE_URL,
    intentDuplicateWindowMs: e.INTENT_DUPLICATE_WINDOW_MS,
    services: parseServices(e.DEVRUNNER_SERVICES),
    killTimeoutMs: e.DEVRUNNER_KILL_TIMEOUT_MS,
    restart: {
      backoff: { initialMs: e.DEVRUNNER_RESTART_DELAY_MS, maxMs: e.DEVRUNNER_RESTART_MAX_DELAY_MS },
      stableMs: e.DEVRUNNER_RESTART_STABLE_MS,
    },
    readyTimeoutMs: e.DEVRUNNER_READY_TIMEOUT_MS,
    setupOnly,
    proxySecret: e.GATEWAY_PROXY_SECRET,
  });
}
