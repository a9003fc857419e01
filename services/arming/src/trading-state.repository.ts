import type { TradingMode } from '@livegate/contracts';
import type { TradingStateRow } from '@livegate/db';
import { sql } from 'kysely';
import type { Queryable, Trx } from './db.js';

/** Takes the one trading-state row FOR UPDATE: the first step of every arming change. */
export async function lockTradingState(trx: Trx): Promise<TradingStateRow> {
  return trx
    .selectFrom('arming.trading_state')
    .selectAll()
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Reads the trading-state row without locking it. */
export async function readTradingState(db: Queryable): Promise<TradingStateRow> {
  return db
    .selectFrom('arming.trading_state')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

/** The whole next state; `version` goes up by one. */
export interface NextTradingState {
  readonly mode: TradingMode;
  readonly session_id: string | null;
  readonly expires_at: Date | null;
  readonly halted_by: string | null;
  readonly halt_reason: string | null;
}

export async function writeTradingState(
  trx: Trx,
  next: NextTradingState,
  at: Date,
): Promise<TradingStateRow> {
  return trx
    .updateTable('arming.trading_state')
    .set({ ...next, version: sql<number>`version + 1`, updated_at: at })
    .where('id', '=', 1)
    .returningAll()
    .executeTakeFirstOrThrow();
}
