import type { ReconcileCompleted } from '@livegate/contracts';
import { sql } from 'kysely';
import type { Db, Queryable } from './db.js';

/** Extras the runs table keeps beside the published report. */
export interface RunExtras {
  readonly requestIds: readonly string[];
  readonly pausedMs: number;
}

export async function insertRun(
  db: Queryable,
  report: ReconcileCompleted,
  extras: RunExtras,
): Promise<void> {
  await db
    .insertInto('reconcile.runs')
    .values({
      id: report.runId,
      trigger: report.trigger,
      venue: report.venue,
      started_at: new Date(report.startedAt),
      finished_at: new Date(report.finishedAt),
      duration_ms: report.durationMs,
      report: JSON.stringify({ ...report, ...extras }),
    })
    .execute();
}

/**
 * Runs `work` holding the venue's session advisory lock on a connection of its own, so runs of
 * one venue never overlap, also across reconciler instances; a second caller waits its turn.
 */
export function withVenueLock<T>(db: Db, venue: string, work: () => Promise<T>): Promise<T> {
  const key = `livegate.reconcile:${venue}`;
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtextextended(${key}, 0))`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn);
    }
  });
}
