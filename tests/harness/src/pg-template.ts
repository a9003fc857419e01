import { randomBytes } from 'node:crypto';
import { createDb, migrateToLatest } from '@livegate/db';
import { databaseUrl, dropDatabase, quoteIdent, withAdmin } from './pg-admin.js';

export interface PgTemplate {
  readonly name: string;
  /** Per-test databases of this run start with this. */
  readonly testDbPrefix: string;
  /** Drops the template and every per-test database of this run still there. */
  drop(): Promise<void>;
}

/** Creates `livegate_tpl_<run>`, migrates it to latest, then marks it a template nobody can connect to. */
export async function createMigratedTemplate(adminUrl: string): Promise<PgTemplate> {
  const run = randomBytes(5).toString('hex');
  const name = `livegate_tpl_${run}`;
  const testDbPrefix = `livegate_t${run}_`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${quoteIdent(name)}`));
  const db = createDb({ url: databaseUrl(adminUrl, name), max: 1 });
  const outcome = await migrateToLatest(db).finally(() => db.destroy());
  const drop = () =>
    withAdmin(adminUrl, async (c) => {
      await c.query(`alter database ${quoteIdent(name)} with is_template false`).catch(() => {});
      await dropDatabase(c, name);
      const left = await c.query<{ datname: string }>(
        'select datname from pg_database where starts_with(datname, $1)',
        [testDbPrefix],
      );
      for (const { datname } of left.rows) await dropDatabase(c, datname);
    });
  if (!outcome.ok) {
    await drop();
    throw new Error(`migrating the test template database failed: ${outcome.error}`);
  }
  await withAdmin(adminUrl, (c) =>
    c.query(`alter database ${quoteIdent(name)} with is_template true allow_connections false`),
  );
  return { name, testDbPrefix, drop };
}
