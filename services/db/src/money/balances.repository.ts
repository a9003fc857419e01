import type { IntentMode } from '@livegate/contracts';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../database.js';

/** One asset of an account snapshot: decimal strings, as the venue sent them. */
export interface BalanceInput {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

/**
 * Stores a venue's account snapshot taken at `at` (ms): the venue's rows are replaced by the assets
 * with a non-zero free or locked amount. A snapshot older than the stored one changes nothing and
 * answers `false` (a slow run, or a second reconciler, never writes an older picture over a newer
 * one); the snapshot row is locked for the replacement, so two writers take turns.
 * The reconciler calls it once per run with the database time at which it SENT its account read (a
 * lower bound of the state's time: anything that happened before is in the answer).
 */
export async function recordBalances(
  db: Kysely<Database>,
  venue: IntentMode,
  balances: readonly BalanceInput[],
  at: number,
): Promise<boolean> {
  const stored = await db
    .transaction()
    .execute(async (trx) => replaceBalances(trx, venue, balances, new Date(at)));
  return stored !== undefined;
}

/**
 * Stores a venue's balances as the account stream has them, at the database's `now()` (the start of
 * the write's transaction: after the change it carries arrived, so an upper bound of its time).
 * Answers the stored `taken_at`, or undefined when a REST read sent later is already stored (its
 * answer holds this change too). Execution calls it on every change of its account view (docs/02,
 * "Money").
 */
export async function recordStreamBalances(
  db: Kysely<Database>,
  venue: IntentMode,
  balances: readonly BalanceInput[],
): Promise<Date | undefined> {
  return db
    .transaction()
    .execute(async (trx) => replaceBalances(trx, venue, balances, sql<Date>`now()`));
}

/** `0`, `0.00000000`: the venue lists every asset it knows, most of them empty. */
const isZero = (amount: string): boolean => /^0+(\.0+)?$/.test(amount);

async function replaceBalances(
  trx: Transaction<Database>,
  venue: IntentMode,
  balances: readonly BalanceInput[],
  takenAt: Date | RawBuilder<Date>,
): Promise<Date | undefined> {
  const newer = await trx
    .insertInto('money.balance_snapshots')
    .values({ venue, taken_at: takenAt })
    .onConflict((oc) =>
      oc
        .column('venue')
        .doUpdateSet({ taken_at: takenAt, recorded_at: sql<Date>`now()` })
        .where('money.balance_snapshots.taken_at', '<=', takenAt),
    )
    .returning('taken_at')
    .executeTakeFirst();
  if (newer === undefined) return undefined;
  await trx.deleteFrom('money.balances').where('venue', '=', venue).execute();
  const rows = balances
    .filter((b) => !isZero(b.free) || !isZero(b.locked))
    .map((b) => ({ venue, asset: b.asset, free: b.free, locked: b.locked }));
  if (rows.length > 0) await trx.insertInto('money.balances').values(rows).execute();
  return newer.taken_at;
}
