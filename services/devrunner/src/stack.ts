import { existsSync } from 'node:fs';
import { redactDatabaseUrl } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { createChildOutput } from './child-output.js';
import type { DevConfig } from './config.js';
import { findPgBinaries } from './infra/postgres-local.js';
import { prepareInfra, type InfraEndpoint } from './infra/prepare.js';
import {
  createStackContext,
  SERVICE_REGISTRY,
  selectServices,
  type ServiceEntry,
  type ServiceSpec,
} from './registry.js';
import { createSupervisor, type LaunchSpec, type Supervisor } from './supervisor.js';
import { canConnect, waitFor } from './wait.js';

export interface StartStackProps {
  readonly config: DevConfig;
  readonly logger: Logger;
  /** Node flags before each service entry, e.g. `['--import', <tsx loader URL>]`. */
  readonly nodeArgs: readonly string[];
  /** The runner's environment; children inherit it (PATH, HOME, …) under their own variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the children's output goes (the runner's stdout). */
  readonly write: (text: string) => void;
  readonly colorize?: boolean;
  readonly registry?: readonly ServiceEntry[];
  readonly exists?: (path: string) => boolean;
}

export interface RunningService {
  readonly name: string;
  /** Where it serves, for services with a port. */
  readonly url: string | undefined;
}

export interface RunningStack {
  readonly nats: InfraEndpoint;
  readonly database: InfraEndpoint;
  readonly services: readonly RunningService[];
  /** SIGTERM to the services, then the infrastructure the runner started. */
  stop(): Promise<void>;
  /** SIGKILL to every child at once (a second Ctrl-C, or the process exiting). */
  killNow(): void;
}

export function toLaunch(
  spec: ServiceSpec,
  nodeArgs: readonly string[],
  env: StartStackProps['env'],
): LaunchSpec {
  return {
    name: spec.name,
    command: process.execPath,
    args: [...nodeArgs, spec.entry, ...spec.args],
    cwd: spec.dir,
    env: { ...env, ...spec.env },
  };
}

async function startService(
  spec: ServiceSpec,
  props: StartStackProps,
  services: Supervisor,
): Promise<RunningService> {
  const { config, logger, nodeArgs, env, write, colorize = false } = props;
  const output = createChildOutput({ name: spec.name, pretty: config.pretty, colorize, write });
  const child = services.start(toLaunch(spec, nodeArgs, env), output);
  if (spec.port !== undefined) {
    const port = spec.port;
    const listening = await waitFor(() => canConnect(port), {
      timeoutMs: config.readyTimeoutMs,
      cancelled: () => !child.isRunning(),
    });
    if (!listening)
      logger.error(
        { child: spec.name, port },
        `${spec.name} is not accepting connections on port ${port}`,
      );
  }
  logger.info(
    { child: spec.name, url: spec.url },
    spec.url === undefined ? `${spec.name} running` : `${spec.name} at ${spec.url}`,
  );
  return { name: spec.name, url: spec.url };
}

/**
 * The whole development stack: infrastructure (found or started), migrations, streams, then
 * every service of the registry that exists, in order. `--setup` stops after the streams.
 */
export async function startStack(props: StartStackProps): Promise<RunningStack> {
  const { config, logger, env, registry = SERVICE_REGISTRY, exists = existsSync } = props;
  const infraSupervisor = createSupervisor({ logger, killTimeoutMs: config.killTimeoutMs });
  const services = createSupervisor({
    logger,
    killTimeoutMs: config.killTimeoutMs,
    restart: config.restart,
  });
  const infra = await prepareInfra({
    config,
    logger,
    supervisor: infraSupervisor,
    env,
    pgBinDir: findPgBinaries({ pathDirs: config.pathDirs }),
  });
  const stack = {
    nats: infra.nats,
    database: infra.database,
    async stop() {
      await services.stopAll();
      await infra.stop();
    },
    killNow() {
      services.killAllNow();
      infraSupervisor.killAllNow();
    },
  };
  logger.info(
    { nats: infra.nats.url, source: infra.nats.source },
    `NATS at ${infra.nats.url} (${infra.nats.source})`,
  );
  const db = redactDatabaseUrl(infra.database.url);
  logger.info(
    { database: db, source: infra.database.source },
    `PostgreSQL at ${db} (${infra.database.source})`,
  );
  if (config.setupOnly) {
    logger.info('migrations applied and streams provisioned');
    return { ...stack, services: [] };
  }
  try {
    const ctx = createStackContext({
      config,
      natsUrl: infra.nats.url,
      databaseUrl: infra.database.url,
      natsEnv: infra.natsEnv,
    });
    const selection = selectServices({
      registry,
      ctx,
      root: config.root,
      only: config.services,
      exists,
    });
    if (selection.absent.length > 0)
      logger.info({ absent: selection.absent }, `not written yet: ${selection.absent.join(', ')}`);
    const running: RunningService[] = [];
    for (const spec of selection.start) running.push(await startService(spec, props, services));
    logger.info(
      {
        nats: infra.nats.url,
        database: db,
        services: Object.fromEntries(running.map((s) => [s.name, s.url ?? 'running'])),
      },
      'livegate dev stack ready',
    );
    return { ...stack, services: running };
  } catch (err) {
    await stack.stop();
    throw err;
  }
}
