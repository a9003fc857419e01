import { pausedStrategySchema, type IntentMode, type PausedStrategy } from '@livegate/contracts';
import type { Database, RiskPausedRow } from '@livegate/db';
import type { Transaction } from 'kysely';
import type { Db } from '../auth/operators.repository.js';

const toPaused = (row: RiskPausedRow): PausedStrategy =>
  pausedStrategySchema.parse({
    venue: row.venue,
    source: row.source,
    breaches: row.breaches,
    reason: row.reason,
    pausedAt: row.paused_at.toISOString(),
  });

/** Every strategy paused by `pause_after_breaches`, oldest pause first. */
export async function listPausedStrategies(db: Db): Promise<PausedStrategy[]> {
  const rows = await db.selectFrom('risk.paused').selectAll().orderBy('paused_at').execute();
  return rows.map(toPaused);
}

/** Ends a strategy's pause in the caller's transaction; undefined when it was not paused. */
export async function deletePause(
  trx: Transaction<Database>,
  key: { venue: IntentMode; source: string },
): Promise<PausedStrategy | undefined> {
  const row = await trx
    .deleteFrom('risk.paused')
    .where('venue', '=', key.venue)
    .where('source', '=', key.source)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toPaused(row);
}
