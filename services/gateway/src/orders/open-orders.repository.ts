import { OPEN_ORDER_STATES } from '@livegate/contracts';
import type { Db } from '../auth/operators.repository.js';

/** An order a cancel-all reaches: open (not final) on `symbol`, optionally of one mode. */
export interface OpenOrderRef {
  readonly intentId: string;
  readonly source: string;
  readonly state: string;
}

/** The open orders of one symbol (every strategy's), oldest first. */
export async function openOrdersOfSymbol(
  db: Db,
  { symbol, mode }: { symbol: string; mode: 'paper' | 'live' | undefined },
): Promise<OpenOrderRef[]> {
  let query = db
    .selectFrom('execution.orders')
    .select(['intent_id', 'source', 'state'])
    .where('symbol', '=', symbol)
    .where('state', 'in', OPEN_ORDER_STATES)
    .orderBy('inserted_at');
  if (mode !== undefined) query = query.where('mode', '=', mode);
  const rows = await query.execute();
  return rows.map((r) => ({ intentId: r.intent_id, source: r.source, state: r.state }));
}
