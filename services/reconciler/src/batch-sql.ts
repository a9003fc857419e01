import type { VenueTrade } from '@livegate/binance';
import type { OrderEvent, OrderFill } from '@livegate/contracts';
import { fillRow, type ExecutionOrderRow, type OrderEventRow } from '@livegate/db';
import { sql } from 'kysely';
import type { Trx } from './db.js';
import type { RowPlan } from './row-plan.js';

/** A row and the plan a venue order decided for it, with the order's trades (none when nothing is missing). */
export interface PlannedRow {
  readonly row: ExecutionOrderRow;
  readonly plan: RowPlan;
  readonly trades: readonly VenueTrade[];
}

/** What a batch UPDATE hands back of each row it changed: what the event and the fills are made of. */
export type UpdatedRow = OrderEventRow & Pick<ExecutionOrderRow, 'symbol'>;

export const keyOf = (r: { source: string; intent_id: string }) =>
  `${r.source}\u0000${r.intent_id}`;

/**
 * One UPDATE of many rows, each only if still as read (state, updated_at) and not leased: the
 * values go as one jsonb parameter, and only the columns an event needs come back (a whole row is
 * 34 columns to parse, its timestamps the dearest).
 */
export async function updateMany(
  trx: Trx,
  items: readonly PlannedRow[],
  at: Date,
): Promise<UpdatedRow[]> {
  const values = items.map(({ row, plan }) => {
    const p = plan.patch as Record<string, unknown>;
    return {
      source: row.source,
      intent_id: row.intent_id,
      old_state: row.state,
      old_updated_at: row.updated_at.toISOString(),
      state: p.state,
      exchange_order_id: p.exchange_order_id,
      executed_qty: p.executed_qty,
      cummulative_quote_qty: p.cummulative_quote_qty ?? null,
      avg_price: p.avg_price,
      last_exchange_status: p.last_exchange_status,
      reject_code: p.reject_code ?? null,
      reject_message: p.reject_message ?? null,
    };
  });
  const result = await sql<UpdatedRow>`
    update execution.orders o set
      state = v.state,
      exchange_order_id = v.exchange_order_id,
      executed_qty = v.executed_qty,
      cummulative_quote_qty = coalesce(v.cummulative_quote_qty, o.cummulative_quote_qty),
      avg_price = v.avg_price,
      last_exchange_status = v.last_exchange_status,
      reject_code = coalesce(v.reject_code, o.reject_code),
      reject_message = coalesce(v.reject_message, o.reject_message),
      not_found_count = 0,
      lease_holder = null,
      lease_expires_at = null,
      updated_at = ${at}
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
      source text, intent_id text, old_state text, old_updated_at timestamptz, state text,
      exchange_order_id text, executed_qty numeric, cummulative_quote_qty numeric,
      avg_price numeric, last_exchange_status text, reject_code text, reject_message text)
    where o.source = v.source and o.intent_id = v.intent_id and o.state = v.old_state
      and date_trunc('milliseconds', o.updated_at) = v.old_updated_at
      and (o.lease_expires_at is null or o.lease_expires_at <= ${at})
    returning o.intent_id, o.source, o.client_order_id, o.mode, o.venue, o.symbol, o.state,
      o.exchange_order_id, o.last_exchange_status, o.executed_qty, o.cummulative_quote_qty,
      o.avg_price`.execute(trx);
  return result.rows;
}

/** One INSERT of the trades of every updated row (one jsonb parameter); a trade already stored is skipped. */
export async function insertFills(
  trx: Trx,
  updated: readonly UpdatedRow[],
  tradesOf: ReadonlyMap<string, readonly VenueTrade[]>,
): Promise<Map<string, OrderFill[]>> {
  const values = updated.flatMap((row) =>
    // A Date in a fill row becomes its ISO text in the jsonb parameter.
    (tradesOf.get(keyOf(row)) as readonly VenueTrade[]).map((t) => fillRow(row, t)),
  );
  const fills = new Map<string, OrderFill[]>();
  if (values.length === 0) return fills;
  const inserted = await sql<{
    source: string;
    intent_id: string;
    trade_id: string;
    price: string;
    qty: string;
    commission: string;
    commission_asset: string;
  }>`
    insert into execution.fills (venue, symbol, trade_id, source, intent_id, exchange_order_id,
      price, qty, quote_qty, commission, commission_asset, is_maker, traded_at)
    select venue, symbol, trade_id, source, intent_id, exchange_order_id,
      price, qty, quote_qty, commission, commission_asset, is_maker, traded_at
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as t(
      venue text, symbol text, trade_id text, source text, intent_id text,
      exchange_order_id text, price numeric, qty numeric, quote_qty numeric, commission numeric,
      commission_asset text, is_maker boolean, traded_at timestamptz)
    on conflict (venue, symbol, trade_id) do nothing
    returning source, intent_id, trade_id, price, qty, commission, commission_asset`.execute(trx);
  for (const f of inserted.rows) {
    const list = fills.get(keyOf(f)) ?? [];
    list.push({
      tradeId: f.trade_id,
      price: f.price,
      qty: f.qty,
      commission: f.commission,
      commissionAsset: f.commission_asset,
    });
    fills.set(keyOf(f), list);
  }
  return fills;
}

/** One INSERT of the events of a chunk (one jsonb parameter; the whole event is the payload). */
export async function insertEvents(trx: Trx, events: readonly OrderEvent[]): Promise<void> {
  if (events.length === 0) return;
  const values = events.map((e) => ({
    intent_id: e.intentId,
    type: e.type,
    state: e.state,
    payload: e,
    at: e.at,
  }));
  await sql`
    insert into execution.order_events (intent_id, type, state, payload, at)
    select intent_id, type, state, payload, at
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as e(
      intent_id text, type text, state text, payload jsonb, at timestamptz)`.execute(trx);
}
