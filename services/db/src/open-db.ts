import { retryUntilReady, type BackoffPolicy, type Logger } from '@livegate/runtime';
import type { Kysely } from 'kysely';
import { checkDb } from './check-db.js';
import { createDb } from './create-db.js';
import { isTransientDbError } from './db-connect-error.js';
import type { Database } from './database.js';

export interface OpenDbProps {
  /** A postgres:// connection string (DATABASE_URL). */
  readonly url: string;
  /** Most connections the pool opens (createDb's default when absent). */
  readonly max?: number;
  readonly logger: Logger;
}

/**
 * A service's database at start-up: `select 1` has answered before it is returned (else the
 * one-line DbConnectError of `checkDb`, with the pool closed, so a caller may simply try again), and
 * a pooled connection that dies later is logged as a warning while the pool replaces it.
 */
export async function openDb({ url, max, logger }: OpenDbProps): Promise<Kysely<Database>> {
  const db = createDb({
    url,
    max,
    onConnectionError: (err) =>
      logger.warn({ err }, 'a database connection died; the pool replaces it'),
  });
  try {
    await checkDb(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

/**
 * {@link openDb} at a service's start-up: a late PostgreSQL is waited for with bounded backoff
 * (`policy`); a configuration error (malformed URL, refused login) is thrown at once.
 */
export function openDbWhenReady(
  props: OpenDbProps & { readonly policy: BackoffPolicy },
): Promise<Kysely<Database>> {
  return retryUntilReady({
    what: 'PostgreSQL',
    isTransient: isTransientDbError,
    policy: props.policy,
    logger: props.logger,
    attempt: () => openDb(props),
  });
}
