import { randomBytes } from 'node:crypto';
import { createDb, databaseUrlAs, OWNER_ROLE, type Database } from '@livegate/db';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { databaseUrl, dropDatabase, quoteIdent, withAdmin } from './pg-admin.js';
import './provided.js';

export interface TestDatabase {
  /** Name of the fresh database. */
  readonly name: string;
  readonly url: string;
  /** The harness's own handle (an administrator: set up scenes, inspect, play the attacker). */
  readonly db: Kysely<Database>;
  /** This database's URL logging in as `role`: what a test that plays a service gives it. */
  urlAs(role: string): string;
  /** Closes `db` and drops the database (other connections to it are terminated). */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** false: an empty database (from template0) for tests of the migrations themselves. Default true. */
  readonly migrated?: boolean;
  /** Pool size of `db`. Default 5. */
  readonly max?: number;
}

/** A fresh database for one test file or test: a clone of this run's migrated template. */
export async function createTestDatabase({
  migrated = true,
  max = 5,
}: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = migrated ? inject('pgTemplateDb') : 'template0';
  const name = `${inject('pgTestDbPrefix')}${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) =>
    c.query(
      `create database ${quoteIdent(name)} owner ${quoteIdent(OWNER_ROLE)} template ${quoteIdent(template)}`,
    ),
  );
  const url = databaseUrl(adminUrl, name);
  const db = createDb({ url, max });
  return {
    name,
    url,
    db,
    urlAs: (role) => databaseUrlAs(url, role),
    async drop() {
      await db.destroy();
      await withAdmin(adminUrl, (c) => dropDatabase(c, name));
    },
  };
}
