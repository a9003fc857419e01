import {
  OPEN_ORDER_STATES,
  type FilledNet,
  type IntentMode,
  type MoneyVenueBalances,
  type OpenRest,
  type PnlFill,
} from '@livegate/contracts';
import { sql } from 'kysely';
import type { Db } from '../auth/operators.repository.js';

/** The most fills one P&L answer reads: a session's worth for a desk, bounded for the gateway. */
export const MAX_SESSION_FILLS = 50_000;

/** Each venue's latest balances snapshot, assets in alphabetical order. */
export async function listBalances(db: Db): Promise<MoneyVenueBalances[]> {
  const snaps = await db
    .selectFrom('money.balance_snapshots')
    .select(['venue', 'taken_at'])
    .orderBy('venue')
    .execute();
  const rows = await db
    .selectFrom('money.balances')
    .select(['venue', 'asset', 'free', 'locked'])
    .orderBy('venue')
    .orderBy('asset')
    .execute();
  return snaps.map((s) => ({
    venue: s.venue,
    takenAt: s.taken_at.toISOString(),
    balances: rows
      .filter((r) => r.venue === s.venue)
      .map((r) => ({ asset: r.asset, free: r.free, locked: r.locked })),
  }));
}

/** 00:00 UTC today by the database's clock: where a session starts unless the caller says. */
export async function startOfDbDay(db: Db): Promise<Date> {
  const { rows } = await sql<{ day: Date }>`
    select date_trunc('day', now() at time zone 'utc') at time zone 'utc' as day`.execute(db);
  return (rows[0] as { day: Date }).day;
}

export interface FillScope {
  readonly since: Date;
  readonly venue?: IntentMode | undefined;
  readonly source?: string | undefined;
}

/** Our fills traded at or after `since`, with their order's side, oldest first. */
export async function sessionFills(db: Db, scope: FillScope): Promise<PnlFill[]> {
  let q = db
    .selectFrom('execution.fills as f')
    .innerJoin('execution.orders as o', (join) =>
      join.onRef('o.intent_id', '=', 'f.intent_id').onRef('o.source', '=', 'f.source'),
    )
    .select([
      'o.mode',
      'f.source',
      'f.symbol',
      'o.side',
      'f.trade_id',
      'f.qty',
      'f.quote_qty',
      'f.commission',
      'f.commission_asset',
      'f.traded_at',
    ])
    .where('f.traded_at', '>=', scope.since);
  if (scope.venue !== undefined) q = q.where('o.mode', '=', scope.venue);
  if (scope.source !== undefined) q = q.where('f.source', '=', scope.source);
  const rows = await q.orderBy('f.traded_at').limit(MAX_SESSION_FILLS).execute();
  return rows.map((r) => ({
    venue: r.mode,
    source: r.source,
    symbol: r.symbol,
    side: r.side,
    tradeId: r.trade_id,
    qty: r.qty,
    quoteQty: r.quote_qty,
    commission: r.commission,
    commissionAsset: r.commission_asset,
    tradedAt: r.traded_at,
  }));
}

/**
 * What exposure is computed from: the net filled base quantity per (venue, strategy, symbol) over
 * every fill, and the unfilled quantity of open orders per side (orders that may be on the book:
 * the open states, a SUBMITTING one only once a send may have happened; a quoteOrderQty order has no
 * base quantity and counts by its fills).
 */
export async function exposureInputs(
  db: Db,
  source: string | undefined,
): Promise<{ filled: FilledNet[]; open: OpenRest[] }> {
  let filled = db
    .selectFrom('execution.fills as f')
    .innerJoin('execution.orders as o', (join) =>
      join.onRef('o.intent_id', '=', 'f.intent_id').onRef('o.source', '=', 'f.source'),
    )
    .select([
      'o.mode as venue',
      'f.source',
      'f.symbol',
      sql<string>`sum(case when o.side = 'BUY' then f.qty else -f.qty end)::text`.as('net'),
    ])
    .groupBy(['o.mode', 'f.source', 'f.symbol']);
  let open = db
    .selectFrom('execution.orders')
    .select([
      'mode as venue',
      'source',
      'symbol',
      'side',
      sql<string>`sum(quantity - executed_qty)::text`.as('rest'),
    ])
    .where('state', 'in', [...OPEN_ORDER_STATES])
    .where((eb) => eb.or([eb('state', '<>', 'SUBMITTING'), eb('last_sent_at', 'is not', null)]))
    .where('quantity', 'is not', null)
    .groupBy(['mode', 'source', 'symbol', 'side']);
  if (source !== undefined) {
    filled = filled.where('f.source', '=', source);
    open = open.where('source', '=', source);
  }
  const [f, o] = await Promise.all([
    filled.orderBy('o.mode').orderBy('f.source').orderBy('f.symbol').execute(),
    open.orderBy('mode').orderBy('source').orderBy('symbol').orderBy('side').execute(),
  ]);
  return { filled: f, open: o };
}
