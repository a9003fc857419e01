import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { checkDatabaseUrl } from './database-url.js';
import { DbConnectError } from './db-connect-error.js';
import type { Database } from './database.js';

export interface CreateDbProps {
  /** A postgres:// connection string (DATABASE_URL). */
  readonly url: string;
  /** Most connections the pool opens. */
  readonly max?: number;
  readonly connectTimeoutMs?: number;
  /**
   * Told when a pooled connection dies outside a query (server restart, backend terminated, database
   * dropped), idle or checked out. Without this guard pg would crash the process with an unhandled
   * 'error' event; the pool drops the dead connection and the next query opens a new one.
   */
  readonly onConnectionError?: (err: Error) => void;
  /**
   * Run every session as this role (`SET ROLE` at connect): how migrations run as the owner from an
   * administrator's login. Not a boundary (the session may RESET ROLE): a service logs in as its role.
   */
  readonly role?: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function ignore(): void {}

const displayUrls = new WeakMap<object, string>();

/** The password-masked URL `db` was created with, for messages. */
export function displayUrlOf(db: object): string {
  return displayUrls.get(db) ?? '(not created by createDb)';
}

/**
 * A Kysely instance over a lazily connecting pg Pool. It throws only for a malformed `role`: a bad URL or an unreachable
 * server surfaces as a DbConnectError on the first query (call `checkDb` at start-up).
 */
export function createDb({
  url,
  max = 10,
  connectTimeoutMs = 5_000,
  onConnectionError = ignore,
  role,
}: CreateDbProps): Kysely<Database> {
  if (role !== undefined && !ROLE_NAME.test(role))
    throw new RangeError(`role must match ${ROLE_NAME.source}, got "${role}"`);
  const checked = checkDatabaseUrl(url);
  const dialect = new PostgresDialect({
    pool: async () => {
      if (!checked.ok) throw new DbConnectError('BAD_URL', checked.display, checked.problem);
      const pool = new pg.Pool({
        connectionString: url,
        max,
        connectionTimeoutMillis: connectTimeoutMs,
        ...(role !== undefined && { options: `-c role=${role}` }),
      });
      pool.on('connect', (client) => client.on('error', onConnectionError));
      pool.on('error', ignore); // an idle client's error, already reported by its own listener
      return pool;
    },
  });
  const db = new Kysely<Database>({ dialect });
  displayUrls.set(db, checked.display);
  return db;
}
