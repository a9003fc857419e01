import { randomBytes } from 'node:crypto';
import pg from 'pg';

const LOCAL_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface E2eDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database for one E2E stack on the server of DATABASE_URL (a role that may create
 * databases), else the local PostgreSQL on 127.0.0.1:5432. The caller migrates it.
 */
export async function createE2eDatabase(label: string): Promise<E2eDatabase> {
  const adminUrl = process.env.DATABASE_URL || LOCAL_ADMIN;
  const name = `livegate_e2e_${label}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${quote(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, async (c) => {
        await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
          name,
        ]);
        await c.query(`drop database if exists ${quote(name)}`);
      }),
  };
}
