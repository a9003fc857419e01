import type { Database } from '@livegate/db';
import type { Kysely, Transaction } from 'kysely';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** A pool or a transaction: reads and writes that work in either. */
export type Queryable = Kysely<Database> | Transaction<Database>;
