import type { Trx } from './db.js';

export interface OperatorFailure {
  readonly operator: string;
  readonly verb: string;
  readonly code: string;
  readonly at: Date;
}

export async function recordOperatorFailure(trx: Trx, f: OperatorFailure): Promise<void> {
  await trx.insertInto('arming.operator_failures').values(f).execute();
}

/** When the operator's newest `limit` failures since `since` happened, newest first. */
export async function recentFailureTimes(
  trx: Trx,
  operator: string,
  since: Date,
  limit: number,
): Promise<Date[]> {
  const rows = await trx
    .selectFrom('arming.operator_failures')
    .select('at')
    .where('operator', '=', operator)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}
