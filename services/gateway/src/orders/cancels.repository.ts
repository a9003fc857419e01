import { cancelRecordFromRow } from '@livegate/db';
import type { CancelRecord } from '@livegate/contracts';
import type { Db } from '../auth/operators.repository.js';

/**
 * The stored cancels of a cancelId (`execution.order_cancels`): one per strategy that used it (a cancel
 * is keyed by source and cancelId), ordered by source; with `source`, only that strategy's.
 */
export async function findCancels(
  db: Db,
  cancelId: string,
  source?: string,
): Promise<CancelRecord[]> {
  let query = db
    .selectFrom('execution.order_cancels')
    .selectAll()
    .where('cancel_id', '=', cancelId)
    .orderBy('source');
  if (source !== undefined) query = query.where('source', '=', source);
  return (await query.execute()).map(cancelRecordFromRow);
}
