import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createDb, migrateToLatest, ownerSession } from '@livegate/db';
import type pg from 'pg';
import { databaseUrl, dropDatabase, quoteIdent, withAdmin } from './pg-admin.js';

export interface PgTemplate {
  readonly name: string;
  /** Per-test databases of this run start with this. */
  readonly testDbPrefix: string;
  /** Drops the template and every per-test database of this run still there. */
  drop(): Promise<void>;
}

const TEMPLATE_PREFIX = 'livegate_tpl_';
const OWNER = /^livegate test run: host=(\S+) pid=(\d+)$/;

const testDbPrefixOf = (run: string) => `livegate_t${run}_`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function dropRun(c: pg.Client, run: string): Promise<void> {
  const name = `${TEMPLATE_PREFIX}${run}`;
  await c.query(`alter database ${quoteIdent(name)} with is_template false`).catch(() => {});
  await dropDatabase(c, name);
  const left = await c.query<{ datname: string }>(
    'select datname from pg_database where starts_with(datname, $1)',
    [testDbPrefixOf(run)],
  );
  for (const { datname } of left.rows) await dropDatabase(c, datname);
}

/** Drops what test runs on this host left behind when they were killed before their teardown. */
export async function dropAbandonedRuns(c: pg.Client): Promise<void> {
  const { rows } = await c.query<{ datname: string; owner: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as owner
       from pg_database where starts_with(datname, $1)`,
    [TEMPLATE_PREFIX],
  );
  for (const { datname, owner } of rows) {
    const match = OWNER.exec(owner ?? '');
    if (match === null || match[1] !== hostname() || isAlive(Number(match[2]))) continue;
    await dropRun(c, datname.slice(TEMPLATE_PREFIX.length));
  }
}

/**
 * Creates `livegate_tpl_<run>`, provisions the roles and migrates it to latest as the owner, then
 * marks it a template nobody can connect to.
 */
export async function createMigratedTemplate(adminUrl: string): Promise<PgTemplate> {
  const run = randomBytes(5).toString('hex');
  const name = `${TEMPLATE_PREFIX}${run}`;
  const drop = () => withAdmin(adminUrl, (c) => dropRun(c, run));
  await withAdmin(adminUrl, async (c) => {
    await dropAbandonedRuns(c);
    await c.query(`create database ${quoteIdent(name)}`);
    const owner = `livegate test run: host=${hostname()} pid=${process.pid}`;
    await c.query(`comment on database ${quoteIdent(name)} is '${owner.replaceAll("'", "''")}'`);
  });
  const url = databaseUrl(adminUrl, name);
  const db = createDb({ url, max: 1 });
  // The roles are provisioned (cluster-wide, idempotent) and the template migrated as the owner,
  // as `pnpm db:migrate` does: clones keep the owner, the grants and the default privileges.
  const outcome = await ownerSession(db, url)
    .then((owner) => migrateToLatest(owner.db).finally(() => owner.close()))
    .catch((err: unknown) => ({ ok: false as const, error: String(err) }))
    .finally(() => db.destroy());
  if (!outcome.ok) {
    await drop();
    throw new Error(`migrating the test template database failed: ${outcome.error}`);
  }
  await withAdmin(adminUrl, (c) =>
    c.query(`alter database ${quoteIdent(name)} with is_template true allow_connections false`),
  );
  return { name, testDbPrefix: testDbPrefixOf(run), drop };
}
