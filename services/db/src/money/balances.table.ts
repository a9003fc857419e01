import type { IntentMode } from '@livegate/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

type Numeric = ColumnType<string, string, string>;

/**
 * `money.balance_snapshots` (migration 0028): when the venue's account was last read (`taken_at`,
 * the database's clock at the read) — one row per venue. Written with {@link recordBalances}.
 */
export interface MoneyBalanceSnapshotsTable {
  venue: IntentMode;
  taken_at: Date;
  recorded_at: Generated<Date>;
}
export type MoneyBalanceSnapshotRow = Selectable<MoneyBalanceSnapshotsTable>;

/** `money.balances`: the assets of a venue's latest snapshot with a non-zero free or locked amount. */
export interface MoneyBalancesTable {
  venue: IntentMode;
  asset: string;
  free: Numeric;
  locked: Numeric;
}
export type MoneyBalanceRow = Selectable<MoneyBalancesTable>;
