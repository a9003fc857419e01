import { join } from 'node:path';
import type { Bus, BusService } from '@livegate/bus';
import {
  createDb,
  migrateToLatest,
  ownerSession,
  redactDatabaseUrl,
  SERVICE_ROLES,
  type LivegateRole,
  type ServiceName,
} from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { DevConfig } from '../config.js';
import { DevRunnerError, firstLine } from '../errors.js';
import type { Supervisor } from '../supervisor.js';
import { resolveNats, serviceNatsEnv } from './nats.js';
import { resolvePostgres } from './postgres.js';

export interface InfraEndpoint {
  readonly url: string;
  readonly source: 'env' | 'found' | 'started';
}

export interface PreparedInfra {
  readonly nats: InfraEndpoint;
  /** Each service's NATS credentials variables (none on a NATS_URL without credentials). */
  readonly natsEnv: Readonly<Record<BusService, Readonly<Record<string, string>>>>;
  readonly database: InfraEndpoint;
  /** Stops whatever the runner started (nats-server, the private cluster). */
  stop(): Promise<void>;
}

export interface PrepareInfraProps {
  readonly config: DevConfig;
  readonly logger: Logger;
  /** Runs nats-server when the runner has to start one. */
  readonly supervisor: Supervisor;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory with initdb and pg_ctl, if PostgreSQL is installed. */
  readonly pgBinDir: string | undefined;
}

async function inOrder<A, B>(
  aFirst: boolean,
  a: () => Promise<A>,
  b: () => Promise<B>,
): Promise<[A, B]> {
  if (aFirst) {
    const first = await a();
    return [first, await b()];
  }
  const second = await b();
  return [await a(), second];
}

/** The passwords written into the services' URLs, to set on their roles. */
export function rolePasswords(
  urls: Readonly<Partial<Record<ServiceName, string>>>,
): Partial<Record<LivegateRole, string>> {
  return Object.fromEntries(
    (Object.entries(urls) as [ServiceName, string][]).flatMap(([service, url]) => {
      const password = decodeURIComponent(new URL(url).password);
      return password === '' ? [] : [[SERVICE_ROLES[service], password]];
    }),
  );
}

/** Provisions the roles (when the login may) and migrates as the owner. */
async function migrate(url: string, config: DevConfig, logger: Logger): Promise<void> {
  const db = createDb({ url, max: 2 });
  try {
    const owner = await ownerSession(db, url, {
      passwords: rolePasswords(config.serviceDatabaseUrls),
    }).catch((err: unknown) => {
      throw new DevRunnerError(
        'MIGRATION_FAILED',
        `migrations failed on DATABASE_URL ${redactDatabaseUrl(url)}: ${firstLine(err)}`,
        { cause: err },
      );
    });
    const outcome = await migrateToLatest(owner.db, logger).finally(() => owner.close());
    if (!outcome.ok) {
      throw new DevRunnerError(
        'MIGRATION_FAILED',
        `migrations failed on DATABASE_URL ${redactDatabaseUrl(url)}: ${outcome.error}`,
      );
    }
  } finally {
    await db.destroy();
  }
}

/**
 * Brings up NATS and Postgres (the configured one first, so a bad URL fails before anything is
 * started), runs the migrations and provisions the streams. On failure, undoes what it started.
 */
export async function prepareInfra({
  config,
  logger,
  supervisor,
  env,
  pgBinDir,
}: PrepareInfraProps): Promise<PreparedInfra> {
  const undo: (() => Promise<void>)[] = [async () => void (await supervisor.stopAll())];
  const stop = async () => {
    for (const step of undo.splice(0).reverse()) await step();
  };
  let openBus: Bus | undefined;
  const nats = async () => {
    const r = await resolveNats({
      configuredUrl: config.natsUrl,
      credentialsFile: config.natsCredentialsFile,
      listenUrl: config.natsListenUrl,
      strategies: config.strategies,
      storeDir: join(config.dataDir, 'nats'),
      namespace: config.namespace,
      logger,
      supervisor,
      cwd: config.root,
      env,
    });
    openBus = r.bus;
    return r;
  };
  const postgres = async () => {
    const r = await resolvePostgres({
      configuredUrl: config.databaseUrl,
      probeUrl: config.probe.databaseUrl,
      binDir: pgBinDir,
      dataDir: join(config.dataDir, 'pg'),
      port: config.localPgPort,
      runAs: config.pgRunAs,
      logger,
    });
    undo.push(() => r.stop());
    return r;
  };
  try {
    const natsFirst = config.natsUrl !== undefined || config.databaseUrl === undefined;
    const [bus, database] = await inOrder(natsFirst, nats, postgres);
    await migrate(database.url, config, logger);
    const window = config.intentDuplicateWindowMs;
    await bus.bus.ensureStreams(window === undefined ? {} : { intentDuplicateWindowMs: window });
    await bus.bus.close();
    return {
      nats: { url: bus.url, source: bus.source },
      natsEnv: serviceNatsEnv(bus, config.namespace),
      database: { url: database.url, source: database.source },
      stop,
    };
  } catch (err) {
    await (openBus as Bus | undefined)?.close();
    await stop();
    throw err;
  }
}
