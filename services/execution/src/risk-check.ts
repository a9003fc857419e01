import type { Ready } from '@livegate/binance';
import type { ExecutionOrderRow } from '@livegate/db';
import type { Trx } from './db.js';
import {
  NO_COUNTS,
  riskBreach,
  riskNeeds,
  type RiskBreach,
  type RiskCounts,
} from './risk-limits.js';
import {
  countOpenOrders,
  countSentLastSecond,
  lockRiskKey,
  positionCounts,
  readRiskLimits,
} from './risk.repository.js';

/** What the pre-trade step learnt that the risk check needs (the adapter's ready outcome). */
export type RiskFacts = Pick<Ready, 'baseAsset' | 'quoteAsset' | 'baseSymbols' | 'referencePrice'>;

const opt = (value: string | null) => value ?? undefined;

/**
 * The risk check of the fenced step (issue 13), inside its transaction: the limits of the row's venue
 * and strategy as they are now, and — under the (venue, source) lock when a limit counts orders — the
 * strategy's open orders, its sends in the last second and its position, all from the database. The
 * lock is held until the fence commits `last_sent_at`, so the next fence of that strategy counts this
 * order. Undefined: no limit is breached (or none is set).
 */
export async function riskRefusal(
  trx: Trx,
  row: ExecutionOrderRow,
  facts: RiskFacts,
): Promise<RiskBreach | undefined> {
  const venue = row.mode;
  const limits = await readRiskLimits(trx, venue, row.source);
  if (limits.length === 0) return undefined;
  const needs = riskNeeds(limits);
  const scope = { venue, source: row.source, intentId: row.intent_id };
  if (needs.lock) await lockRiskKey(trx, venue, row.source);
  const counts: RiskCounts = {
    ...NO_COUNTS,
    ...(needs.openOrders && { openOrders: await countOpenOrders(trx, scope) }),
    ...(needs.sentLastSecond && { sentLastSecond: await countSentLastSecond(trx, scope) }),
    ...(needs.position &&
      (await positionCounts(trx, { ...scope, side: row.side, symbols: facts.baseSymbols }))),
  };
  return riskBreach(
    limits,
    {
      venue,
      source: row.source,
      symbol: row.symbol,
      side: row.side,
      type: row.type,
      quantity: opt(row.quantity),
      quoteOrderQty: opt(row.quote_order_qty),
      price: opt(row.price),
      baseAsset: facts.baseAsset,
      quoteAsset: facts.quoteAsset,
      referencePrice: facts.referencePrice,
    },
    counts,
  );
}
