import { checkDb, createDb, redactDatabaseUrl } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { DevRunnerError, firstLine } from '../errors.js';
import { startLocalCluster, type LocalCluster } from './postgres-local.js';
import { ensureDatabase } from './postgres-probe.js';

export interface PostgresResolution {
  readonly url: string;
  /** `env`: DATABASE_URL; `found`: a server already running locally; `started`: our private cluster. */
  readonly source: 'env' | 'found' | 'started';
  /** Stops what the runner started (nothing for `env`/`found`). */
  stop(): Promise<void>;
}

export interface ResolvePostgresProps {
  /** DATABASE_URL, when set. */
  readonly configuredUrl: string | undefined;
  /** Where to look first when DATABASE_URL is unset (`DEFAULT_DATABASE_URL`). */
  readonly probeUrl: string;
  /** Directory with initdb and pg_ctl, if PostgreSQL is installed. */
  readonly binDir: string | undefined;
  /** The private cluster's data directory (`.data/pg`). */
  readonly dataDir: string;
  readonly port: number;
  readonly runAs: string | undefined;
  readonly logger: Logger;
}

const nothing = async () => {};

function withPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

/** DATABASE_URL: its database is created when the server answers without it, as for the default. */
async function useConfigured(url: string, logger: Logger): Promise<PostgresResolution> {
  const ensured = await ensureDatabase(url);
  if (ensured.ok && ensured.created)
    logger.info({ database: redactDatabaseUrl(url) }, 'created the database');
  // Whatever went wrong, checkDb says it in one line naming DATABASE_URL.
  const db = createDb({ url, max: 1 });
  try {
    await checkDb(db);
  } finally {
    await db.destroy();
  }
  return { url, source: 'env', stop: nothing };
}

async function startPrivate(
  props: ResolvePostgresProps & { binDir: string },
  why: string,
): Promise<PostgresResolution> {
  const { binDir, dataDir, port, runAs, logger, probeUrl } = props;
  const unavailable = (what: string, cause: unknown) =>
    new DevRunnerError(
      'POSTGRES_UNAVAILABLE',
      `DATABASE_URL is not set, ${why}, and ${what}: ${firstLine(cause)}`,
      { cause },
    );
  let cluster: LocalCluster;
  try {
    cluster = await startLocalCluster({ binDir, dataDir, port, runAs, logger });
  } catch (err) {
    throw unavailable(`the private cluster in ${dataDir} did not start`, err);
  }
  const url = withPort(probeUrl, cluster.port);
  const ensured = await ensureDatabase(url);
  if (!ensured.ok) {
    await cluster.stop();
    throw unavailable(`the private cluster cannot serve ${redactDatabaseUrl(url)}`, ensured.reason);
  }
  return { url, source: 'started', stop: () => cluster.stop() };
}

/**
 * DATABASE_URL when set (its database created when missing; checked: a bad one throws DbConnectError
 * naming it); else a server on
 * the probe URL (creating its database when missing); else a private cluster under `.data/pg`
 * from the local PostgreSQL binaries; else a DevRunnerError saying what to install.
 */
export async function resolvePostgres(props: ResolvePostgresProps): Promise<PostgresResolution> {
  const { configuredUrl, probeUrl, binDir, logger } = props;
  if (configuredUrl !== undefined) return useConfigured(configuredUrl, logger);
  const probe = await ensureDatabase(probeUrl);
  if (probe.ok) {
    if (probe.created)
      logger.info({ database: redactDatabaseUrl(probeUrl) }, 'created the database');
    return { url: probeUrl, source: 'found', stop: nothing };
  }
  const why = `nothing usable answers at ${redactDatabaseUrl(probeUrl)} (${probe.reason})`;
  if (binDir === undefined) {
    throw new DevRunnerError(
      'POSTGRES_UNAVAILABLE',
      `DATABASE_URL is not set, ${why}, and no PostgreSQL binaries (initdb, pg_ctl) were found: install PostgreSQL (e.g. apt-get install postgresql) or set DATABASE_URL`,
    );
  }
  logger.info({ dataDir: props.dataDir, binDir }, 'starting a private PostgreSQL cluster');
  return startPrivate({ ...props, binDir }, why);
}
