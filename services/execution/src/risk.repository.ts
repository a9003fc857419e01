import {
  DEFAULT_RISK_SOURCE,
  OPEN_ORDER_STATES,
  positiveDecimalString,
  riskLimitKindSchema,
  type IntentMode,
} from '@livegate/contracts';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Queryable, Trx } from './db.js';
import type { LimitInForce } from './risk-limits.js';

/** The order the limits are checked in: the order's own values first, then the counted ones. */
const CHECK_ORDER = [
  'max_order_notional',
  'price_collar_pct',
  'max_open_orders',
  'max_orders_per_second',
  'max_position',
  'pause_after_breaches',
] as const;

const limitRow = z.object({
  kind: riskLimitKindSchema,
  asset: z.string().transform((a) => (a === '' ? null : a)),
  value: positiveDecimalString,
  byDefault: z.boolean(),
});
const pauseRow = z.object({ value: z.coerce.number().int().positive(), reason: z.string() });

/** A strategy's pause on a venue (`risk.paused`), as the fence reads it. */
export interface PauseInForce {
  readonly breaches: number;
  readonly reason: string;
}

/**
 * The limits in force for one venue and strategy, parsed, in check order — the strategy's own, and
 * the venue's defaults (`source` `*`) for each kind and asset it has none of; a default counts the
 * strategy's own orders, as its own limit would — and the strategy's pause, in one query.
 */
export async function readRiskLimits(
  db: Queryable,
  venue: IntentMode,
  source: string,
): Promise<{ limits: LimitInForce[]; paused: PauseInForce | undefined }> {
  const { rows } = await sql<Record<string, unknown>>`
    select kind, asset, value::text as value, source = ${DEFAULT_RISK_SOURCE} as "byDefault",
      null::text as reason
      from risk.limits where venue = ${venue} and source in (${source}, ${DEFAULT_RISK_SOURCE})
    union all
    select 'paused', '', breaches::text, false, reason
      from risk.paused where venue = ${venue} and source = ${source}`.execute(db);
  const pause = rows.find((r) => r.kind === 'paused');
  const parsed = rows.filter((r) => r !== pause).map((r) => limitRow.parse(r));
  const own = new Set(parsed.filter((l) => !l.byDefault).map((l) => `${l.kind}/${l.asset}`));
  const limits = parsed
    .filter((l) => !l.byDefault || !own.has(`${l.kind}/${l.asset}`))
    .map(({ byDefault, ...l }) => (byDefault ? { ...l, byDefault } : l))
    .sort((a, b) => CHECK_ORDER.indexOf(a.kind) - CHECK_ORDER.indexOf(b.kind));
  if (pause === undefined) return { limits, paused: undefined };
  const { value, reason } = pauseRow.parse(pause);
  return { limits, paused: { breaches: value, reason } };
}

/**
 * The strategy's `RISK_LIMIT` refusals on the venue within the last `windowS` seconds, this one
 * included (its row is refused in this transaction). `updated_at` is the refusing instance's clock,
 * compared with the database's: a skew only moves the window's edge.
 */
export async function countRecentBreaches(
  trx: Trx,
  { venue, source, intentId }: { venue: IntentMode; source: string; intentId: string },
  windowS: number,
): Promise<number> {
  const row = await trx
    .selectFrom('execution.orders')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('venue', '=', venue)
    .where('source', '=', source)
    .where('intent_id', '<>', intentId)
    .where('reject_code', '=', 'RISK_LIMIT')
    .where('updated_at', '>', sql<Date>`now() - make_interval(secs => ${windowS})`)
    .executeTakeFirstOrThrow();
  return row.n + 1;
}

/** Pauses the strategy on the venue (a pause already there stays as it was). True: paused now. */
export async function insertPause(
  trx: Trx,
  pause: { venue: IntentMode; source: string; breaches: number; reason: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('risk.paused')
    .values(pause)
    .onConflict((oc) => oc.columns(['venue', 'source']).doNothing())
    .returning('source')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * One lock per (venue, source) until the transaction ends: two fenced steps of one strategy, on any
 * instance, count each other's orders instead of both passing a limit of one.
 */
export async function lockRiskKey(trx: Trx, venue: IntentMode, source: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`livegate.risk:${venue}:${source}`}, 0))`.execute(
    trx,
  );
}

interface Scope {
  readonly venue: IntentMode;
  readonly source: string;
  /** The order being checked: never counted. */
  readonly intentId: string;
}

/** Rows of the strategy other than this one that a venue may hold: sent (fenced) and not finished. */
function sentAndOpen(trx: Trx, { venue, source, intentId }: Scope) {
  return trx
    .selectFrom('execution.orders')
    .where('venue', '=', venue)
    .where('source', '=', source)
    .where('intent_id', '<>', intentId)
    .where('state', 'in', OPEN_ORDER_STATES)
    .where((eb) => eb.or([eb('state', '<>', 'SUBMITTING'), eb('last_sent_at', 'is not', null)]));
}

export async function countOpenOrders(trx: Trx, scope: Scope): Promise<number> {
  const row = await sentAndOpen(trx, scope)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Orders of the strategy whose fenced step was in the last second of the database's clock. */
export async function countSentLastSecond(
  trx: Trx,
  { venue, source, intentId }: Scope,
): Promise<number> {
  const row = await trx
    .selectFrom('execution.orders')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('venue', '=', venue)
    .where('source', '=', source)
    .where('intent_id', '<>', intentId)
    .where('last_sent_at', '>', sql<Date>`now() - interval '1 second'`)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The strategy's position in one base asset on the venue: net filled (bought − sold, from
 * `execution.fills` of every symbol with that base asset), and the unfilled quantity of its open
 * orders on `side` (a quoteOrderQty order counts by its fills only).
 */
export async function positionCounts(
  trx: Trx,
  scope: Scope & { readonly side: 'BUY' | 'SELL'; readonly symbols: readonly string[] },
): Promise<{ filled: string; openSameSide: string }> {
  const symbols = [...scope.symbols];
  const filled = await trx
    .selectFrom('execution.fills as f')
    .innerJoin('execution.orders as o', (join) =>
      join.onRef('o.intent_id', '=', 'f.intent_id').onRef('o.source', '=', 'f.source'),
    )
    .select(
      sql<string>`coalesce(sum(case when o.side = 'BUY' then f.qty else -f.qty end), 0)::text`.as(
        'net',
      ),
    )
    .where('o.venue', '=', scope.venue)
    .where('o.source', '=', scope.source)
    .where('f.symbol', 'in', symbols)
    .executeTakeFirstOrThrow();
  const open = await sentAndOpen(trx, scope)
    .select(sql<string>`coalesce(sum(quantity - executed_qty), 0)::text`.as('rest'))
    .where('side', '=', scope.side)
    .where('symbol', 'in', symbols)
    .executeTakeFirstOrThrow();
  return { filled: filled.net, openSameSide: open.rest };
}
