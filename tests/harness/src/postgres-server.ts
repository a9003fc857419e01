import { checkDb, createDb } from '@livegate/db';
import pg from 'pg';

export interface ResolvedPostgres {
  /** URL of a role that may create databases. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const NOTHING_FOUND =
  'No PostgreSQL: set DATABASE_URL, run a local PostgreSQL on 127.0.0.1:5432 with user postgres (trust auth), or start Docker for testcontainers.';

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function reachable(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return err;
  } finally {
    await client.end().catch(() => {});
  }
}

async function startContainer(): Promise<ResolvedPostgres | undefined> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const container = await new GenericContainer('postgres:15-alpine')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    adminUrl: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    async stop() {
      await container.stop();
    },
  };
}

/** DATABASE_URL when set, else a local server on 5432, else a testcontainers PostgreSQL. */
export async function resolvePostgres(databaseUrl: string | undefined): Promise<ResolvedPostgres> {
  if (databaseUrl !== undefined && databaseUrl !== '') {
    const db = createDb({ url: databaseUrl, max: 1, connectTimeoutMs: 3_000 });
    try {
      await checkDb(db);
    } catch (err) {
      throw new Error(
        `${errorMessage(err)}; fix DATABASE_URL or unset it to use a local PostgreSQL or Docker.`,
        { cause: err },
      );
    } finally {
      await db.destroy();
    }
    return { adminUrl: databaseUrl, stop: async () => {} };
  }
  if ((await reachable(LOCAL_URL)) === undefined)
    return { adminUrl: LOCAL_URL, stop: async () => {} };
  const started = await startContainer();
  if (started === undefined) throw new Error(NOTHING_FOUND);
  return started;
}
