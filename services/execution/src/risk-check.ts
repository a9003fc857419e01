import type { Ready } from '@livegate/binance';
import { PAUSE_WINDOW_S } from '@livegate/contracts';
import { appendAudit, type AuditRow, type ExecutionOrderRow } from '@livegate/db';
import { AUDIT_ACTOR } from './audits.js';
import type { Trx } from './db.js';
import {
  NO_COUNTS,
  riskBreach,
  riskNeeds,
  type LimitInForce,
  type RiskCounts,
} from './risk-limits.js';
import {
  countOpenOrders,
  countRecentBreaches,
  countSentLastSecond,
  insertPause,
  lockRiskKey,
  positionCounts,
  readRiskLimits,
  type PauseInForce,
} from './risk.repository.js';

/** What the pre-trade step learnt that the risk check needs (the adapter's ready outcome). */
export type RiskFacts = Pick<Ready, 'baseAsset' | 'quoteAsset' | 'baseSymbols' | 'referencePrice'>;

const opt = (value: string | null) => value ?? undefined;

/** A refusal of the risk check: a limit breached, or the strategy paused. */
export interface RiskRefusal {
  readonly code: 'RISK_LIMIT' | 'STRATEGY_PAUSED';
  readonly message: string;
  readonly details: Record<string, string>;
  /** Written with the refusal: the pause this breach started, if it did. */
  readonly audits: AuditRow[];
}

function pausedRefusal(row: ExecutionOrderRow, paused: PauseInForce): RiskRefusal {
  return {
    code: 'STRATEGY_PAUSED',
    message: `Strategy ${row.source} is paused on ${row.mode} (${paused.reason}): nothing is sent until an operator resumes it on the Risk limits page.`,
    details: { source: row.source, venue: row.mode, breaches: String(paused.breaches) },
    audits: [],
  };
}

/**
 * After a breach: with `pause_after_breaches` in force and reached within {@link PAUSE_WINDOW_S},
 * the strategy is paused on the venue in this transaction (audited `risk.strategy_paused`).
 */
async function pauseIfRepeated(
  trx: Trx,
  row: ExecutionOrderRow,
  limits: readonly LimitInForce[],
  instanceId: string,
): Promise<AuditRow | undefined> {
  const limit = limits.find((l) => l.kind === 'pause_after_breaches');
  if (limit === undefined) return undefined;
  const scope = { venue: row.mode, source: row.source, intentId: row.intent_id };
  const breaches = await countRecentBreaches(trx, scope, PAUSE_WINDOW_S);
  if (breaches < Number(limit.value)) return undefined;
  const reason = `${breaches} risk limit breaches within ${PAUSE_WINDOW_S} s, limit pause_after_breaches ${limit.value}`;
  const paused = await insertPause(trx, { venue: row.mode, source: row.source, breaches, reason });
  if (!paused) return undefined;
  return appendAudit(trx, {
    kind: 'risk.strategy_paused',
    actor: AUDIT_ACTOR,
    subject: `${row.mode}/${row.source}`,
    details: {
      venue: row.mode,
      source: row.source,
      breaches,
      windowS: PAUSE_WINDOW_S,
      reason,
      intentId: row.intent_id,
      instanceId,
    },
  });
}

/**
 * The risk check of the fenced step (issue 13), inside its transaction: the strategy's pause, the
 * limits of the row's venue and strategy as they are now, and — under the (venue, source) lock when a
 * limit counts orders — the strategy's open orders, its sends in the last second and its position, all
 * from the database. The lock is held until the fence commits `last_sent_at`, so the next fence of that
 * strategy counts this order. Undefined: not paused and no limit is breached (or none is set).
 */
export async function riskRefusal(
  trx: Trx,
  row: ExecutionOrderRow,
  facts: RiskFacts,
  instanceId: string,
): Promise<RiskRefusal | undefined> {
  const venue = row.mode;
  const { limits, paused } = await readRiskLimits(trx, venue, row.source);
  if (paused !== undefined) return pausedRefusal(row, paused);
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
  const breach = riskBreach(
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
  return breach === undefined
    ? undefined
    : breachRefusal(trx, { row, venue, limits, instanceId, breach });
}

/** A breach refuses the order; repeated ones may pause the strategy in the same step. */
async function breachRefusal(
  trx: Trx,
  {
    row,
    venue,
    limits,
    instanceId,
    breach,
  }: {
    row: ExecutionOrderRow;
    venue: string;
    limits: readonly LimitInForce[];
    instanceId: string;
    breach: NonNullable<ReturnType<typeof riskBreach>>;
  },
) {
  const pause = await pauseIfRepeated(trx, row, limits, instanceId);
  return {
    code: 'RISK_LIMIT' as const,
    message:
      pause === undefined
        ? breach.message
        : `${breach.message} Strategy ${row.source} is now paused on ${venue} after repeated breaches.`,
    details: breach.details,
    audits: pause === undefined ? [] : [pause],
  };
}
