import { sql } from 'kysely';
import type { Queryable } from './db.js';

/**
 * A clean reconcile run of the live venue that started at or after `since` is on record: 0
 * unresolved rows and no errors (`reconcile.runs`, written by the reconciler with the database's
 * clock, as `since` is). What a `reconcile.completed` on the bus says is not taken on trust.
 */
export async function cleanLiveRunSince(db: Queryable, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('reconcile.runs')
    .select('id')
    .where('venue', '=', 'live')
    .where('started_at', '>=', since)
    .where(sql<boolean>`(report ->> 'unresolved')::int = 0`)
    .where(sql<boolean>`jsonb_array_length(report -> 'errors') = 0`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface LiveGate {
  /** Whether live intents are consumed now (cached; see {@link LiveGate.refresh}). */
  isOpen(): boolean;
  /** Reads the runs again while closed; once open it stays open for this instance. */
  refresh(): Promise<boolean>;
}

/**
 * The live intake of one execution instance (DESIGN.md §11, the strict reconcile gate): closed until a
 * clean reconcile run of the live venue that started after this instance started (`startedAt`, the
 * database's time at start). `required: false` (EXECUTION_REQUIRE_RECONCILE=false) opens it at once.
 */
export function createLiveGate({
  db,
  startedAt,
  required,
}: {
  db: Queryable;
  startedAt: Date;
  required: boolean;
}): LiveGate {
  let open = !required;
  return {
    isOpen: () => open,
    async refresh() {
      open ||= await cleanLiveRunSince(db, startedAt);
      return open;
    },
  };
}
