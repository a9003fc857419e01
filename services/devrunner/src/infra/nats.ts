import { join } from 'node:path';
import {
  BUS_SERVICES,
  busAuthOf,
  connectBus,
  findBusUser,
  loadOrCreateBusCredentials,
  readBusCredentials,
  serverUserOf,
  writeNatsDeployment,
  type Bus,
  type BusService,
  type BusUser,
} from '@livegate/bus';
import type { Logger } from '@livegate/runtime';
import { DevRunnerError } from '../errors.js';
import { describeExit, type Supervisor } from '../supervisor.js';
import { canConnect, waitFor } from '../wait.js';

export interface NatsResolution {
  readonly url: string;
  /** `env`: NATS_URL; `started`: our nats-server, with the generated users and permissions. */
  readonly source: 'env' | 'started';
  /** Connected under the runner's namespace as the administrator; the caller closes it. */
  readonly bus: Bus;
  /**
   * Every user's credentials, or undefined for a NATS_URL given without NATS_CREDENTIALS_FILE
   * (then the services connect without credentials).
   */
  readonly users: readonly BusUser[] | undefined;
  /** Where each user's seed file is (`<dir>/users/<name>/seed`), for a started server. */
  readonly seedDir: string | undefined;
}

export interface ResolveNatsProps {
  /** NATS_URL, when set. */
  readonly configuredUrl: string | undefined;
  /** NATS_CREDENTIALS_FILE: the users of a NATS_URL server (a `pnpm bus:config` credentials.json). */
  readonly credentialsFile: string | undefined;
  /** Where our nats-server listens when NATS_URL is unset (LIVEGATE_NATS_PORT). */
  readonly listenUrl: string;
  /** Its directory (`.data/nats`): credentials, config, seeds and the JetStream store. */
  readonly storeDir: string;
  /** One NATS user per strategy source (LIVEGATE_STRATEGIES). */
  readonly strategies: readonly string[];
  readonly namespace: string;
  readonly logger: Logger;
  /** Runs the nats-server process (the runner's infrastructure supervisor). */
  readonly supervisor: Supervisor;
  readonly natsServer?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly startTimeoutMs?: number;
}

const TAIL_LINES = 5;

async function connectAdmin(props: ResolveNatsProps, url: string, users?: readonly BusUser[]) {
  const { namespace, logger } = props;
  const admin = users && busAuthOf(findBusUser(users, { role: 'admin' }, namespace));
  return connectBus({ url, name: 'devrunner', logger, namespace, ...(admin && { auth: admin }) });
}

/**
 * NATS_URL when set (with the users of NATS_CREDENTIALS_FILE, if given; a bad URL throws
 * BusConnectError naming it); else our own nats-server on `listenUrl` that lets in only the
 * generated users, each with its permissions (DESIGN.md §11), never the shared unauthenticated one.
 */
export async function resolveNats(props: ResolveNatsProps): Promise<NatsResolution> {
  const { configuredUrl, credentialsFile, listenUrl, logger } = props;
  if (configuredUrl !== undefined) {
    const users =
      credentialsFile === undefined ? undefined : (await readBusCredentials(credentialsFile)).users;
    if (users === undefined)
      logger.warn(
        'NATS_URL is set without NATS_CREDENTIALS_FILE: every service connects without credentials',
      );
    const bus = await connectAdmin(props, configuredUrl, users);
    return { url: configuredUrl, source: 'env', bus, users, seedDir: undefined };
  }
  const users = await startNatsServer(props);
  const bus = await connectAdmin(props, listenUrl, users);
  return { url: listenUrl, source: 'started', bus, users, seedDir: props.storeDir };
}

/**
 * Each service's NATS variables: its seed (a file under `seedDir` for a started server, else the
 * seed itself) and its inbox prefix; nothing when the bus has no users.
 */
export function serviceNatsEnv(
  nats: Pick<NatsResolution, 'users' | 'seedDir'>,
  namespace: string,
): Record<BusService, Record<string, string>> {
  return Object.fromEntries(
    BUS_SERVICES.map((service) => {
      if (nats.users === undefined) return [service, {}];
      const user = findBusUser(nats.users, { role: 'service', service }, namespace);
      const { inboxPrefix } = busAuthOf(user);
      const seed =
        nats.seedDir === undefined
          ? { NATS_NKEY_SEED: user.nkeySeed }
          : { NATS_NKEY_SEED_FILE: seedFileOf(nats.seedDir, user) };
      return [service, { ...seed, NATS_INBOX_PREFIX: String(inboxPrefix) }];
    }),
  ) as Record<BusService, Record<string, string>>;
}

/** The seed file of `user` that `resolveNats` wrote for a started server. */
export function seedFileOf(seedDir: string, user: BusUser): string {
  return join(seedDir, 'users', serverUserOf(user).name, 'seed');
}

async function startNatsServer(props: ResolveNatsProps): Promise<readonly BusUser[]> {
  const {
    listenUrl,
    storeDir,
    strategies,
    namespace,
    logger,
    supervisor,
    natsServer = 'nats-server',
    cwd,
    env,
    startTimeoutMs = 10_000,
  } = props;
  const { hostname, port } = new URL(listenUrl);
  const portNumber = Number(port);
  const credentials = await loadOrCreateBusCredentials(join(storeDir, 'credentials.json'), {
    namespace,
    strategies,
  });
  const conf = await writeNatsDeployment(storeDir, {
    credentials,
    host: hostname,
    port: portNumber,
    storeDir,
  });
  logger.info(
    { storeDir, port: portNumber, users: credentials.users.length },
    'starting nats-server with JetStream, the generated users and their permissions',
  );
  const tail: string[] = [];
  const child = supervisor.start(
    { name: 'nats-server', command: natsServer, args: ['-c', conf], cwd, env },
    (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      logger.debug({ child: 'nats-server' }, line);
    },
  );
  const up = await waitFor(() => canConnect(portNumber, hostname), {
    timeoutMs: startTimeoutMs,
    cancelled: () => !child.isRunning(),
  });
  if (up) return credentials.users;
  const unavailable = (what: string) =>
    new DevRunnerError('NATS_UNAVAILABLE', `NATS_URL is not set, and ${what}`);
  if (child.isRunning())
    throw unavailable(`nats-server did not accept connections within ${startTimeoutMs} ms`);
  const exit = await child.exited;
  if (exit.startError !== undefined) {
    throw unavailable(
      `nats-server could not be run (${exit.startError}): install nats-server or set NATS_URL`,
    );
  }
  throw unavailable(`nats-server exited (${describeExit(exit)}): ${tail.at(-1) ?? 'no output'}`);
}
