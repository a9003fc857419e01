import type { TradingMode } from '@livegate/contracts';
import type { Generated, Selectable } from 'kysely';

/**
 * `arming.trading_state`: the ONE row (`id = 1`) that says whether live orders may be sent.
 * Written only by the arming service; the migration inserts it (`PAPER`, version 0) and the
 * database refuses to delete it.
 *
 * Locking contract (arming ⇄ execution):
 * - Every arming change (confirm, disarm, expiry, kill, release) first takes this row
 *   `SELECT ... FOR UPDATE`, then commits the new `mode`, `session_id`, `expires_at`, `version + 1`,
 *   `halted_by`, `halt_reason` together with its audit row.
 * - Execution reads it `SELECT ... FOR SHARE` inside the transaction that stores a live intent, and
 *   treats the venue as armed only while `mode = 'LIVE'` AND `expires_at > now()`. A session past its
 *   expiry is not armed even before the arming service has flipped the row back to `PAPER`.
 * - So a disarm or kill that commits first wins: an intent stored after it sees `PAPER`/`HALTED`,
 *   and an intent whose transaction holds the share lock delays the disarm until it has committed.
 * - `mode = 'LIVE'` ⇔ `session_id` and `expires_at` are set; `mode = 'HALTED'` ⇔ `halted_by` and
 *   `halt_reason` are set (check constraints).
 */
export interface TradingStateTable {
  id: Generated<number>;
  mode: Generated<TradingMode>;
  session_id: string | null;
  expires_at: Date | null;
  version: Generated<number>;
  halted_by: string | null;
  halt_reason: string | null;
  updated_at: Generated<Date>;
}

export type TradingStateRow = Selectable<TradingStateTable>;
