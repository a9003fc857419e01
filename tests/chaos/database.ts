import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, migrateToLatest } from '../../services/db/src/index.js';
import { databaseUrl, dropDatabase, quoteIdent, withAdmin } from '../harness/src/pg-admin.js';

export interface StormDatabase {
  readonly name: string;
  readonly url: string;
  /** The storm's own pool (checks, polling); survives terminated backends. */
  readonly pool: pg.Pool;
  /** A query that retries while the storm terminates connections (bounded). */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** `pg_terminate_backend` on every backend of this database; returns how many. */
  terminateBackends(): Promise<number>;
  drop(): Promise<void>;
}

/** The operator whose name the storm's arming calls carry (auth.operators, role operator). */
export const OPERATOR = 'alice';

/** A fresh database migrated to latest, with the storm's operator. */
export async function createStormDatabase(adminUrl: string): Promise<StormDatabase> {
  const name = `livegate_chaos_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${quoteIdent(name)}`));
  const url = databaseUrl(adminUrl, name);
  const db = createDb({ url, max: 1 });
  const outcome = await migrateToLatest(db).finally(() => db.destroy());
  if (!outcome.ok) {
    await withAdmin(adminUrl, (c) => dropDatabase(c, name));
    throw new Error(`migrating the storm database failed: ${outcome.error}`);
  }
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => {}); // a terminated idle client: the pool replaces it
  pool.on('connect', (client) => client.on('error', () => {}));

  async function query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        return (await pool.query<R>(text, values)).rows;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  const tables = await query<{ name: string }>(
    `select table_schema || '.' || table_name as name from information_schema.tables
      where table_schema = 'auth' and table_name = 'operators'`,
  );
  if (tables.length > 0) {
    await query(
      `insert into auth.operators (name, role, password_hash) values ($1, 'operator', $2)
       on conflict (name) do nothing`,
      [OPERATOR, 'scrypt$storm-operator-never-logs-in'],
    );
  }
  return {
    name,
    url,
    pool,
    query,
    async terminateBackends() {
      return withAdmin(adminUrl, async (c) => {
        const { rowCount } = await c.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
            where datname = $1 and pid <> pg_backend_pid()`,
          [name],
        );
        return rowCount ?? 0;
      });
    },
    async drop() {
      await pool.end();
      await withAdmin(adminUrl, (c) => dropDatabase(c, name));
    },
  };
}
