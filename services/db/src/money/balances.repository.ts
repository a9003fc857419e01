import type { IntentMode } from '@livegate/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
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
 * The reconciler calls it once per run; an account stream consumer can call it per update.
 */
export async function recordBalances(
  db: Kysely<Database>,
  venue: IntentMode,
  balances: readonly BalanceInput[],
  at: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => replaceBalances(trx, venue, balances, at));
}

/** `0`, `0.00000000`: the venue lists every asset it knows, most of them empty. */
const isZero = (amount: string): boolean => /^0+(\.0+)?$/.test(amount);

async function replaceBalances(
  trx: Transaction<Database>,
  venue: IntentMode,
  balances: readonly BalanceInput[],
  at: number,
): Promise<boolean> {
  const takenAt = new Date(at);
  const newer = await trx
    .insertInto('money.balance_snapshots')
    .values({ venue, taken_at: takenAt })
    .onConflict((oc) =>
      oc
        .column('venue')
        .doUpdateSet({ taken_at: takenAt, recorded_at: sql<Date>`now()` })
        .where('money.balance_snapshots.taken_at', '<=', takenAt),
    )
    .returning('venue')
    .executeTakeFirst();
  if (newer === undefined) return false;
  await trx.deleteFrom('money.balances').where('venue', '=', venue).execute();
  const rows = balances
    .filter((b) => !isZero(b.free) || !isZero(b.locked))
    .map((b) => ({ venue, asset: b.asset, free: b.free, locked: b.locked }));
  if (rows.length > 0) await trx.insertInto('money.balances').values(rows).execute();
  return true;
}
