import type { VenueTrade } from '@livegate/binance';
import type { OrderEvent, OrderFill } from '@livegate/contracts';
import { eventStamp, orderEventFromRow, type ExecutionOrderRow } from '@livegate/db';
import { sql } from 'kysely';
import { applyPlan, type ApplyContext } from './apply-plan.js';
import type { Trx } from './db.js';
import { describeFailure } from './run-error.js';
import type { RowPlan } from './row-plan.js';
import { addError, countChange } from './tally.js';

export interface PlannedRow {
  readonly row: ExecutionOrderRow;
  readonly plan: RowPlan;
  readonly trades: readonly VenueTrade[];
}

/** Rows per transaction (one UPDATE, one INSERT of fills, one of events). */
export const CHUNK = 1000;
/** Order events published at once after a chunk commits. */
const PUBLISH_WIDTH = 64;

/** The columns a venue order decides (planFromOrder's patch); any other patch goes row by row. */
const BULK_COLUMNS = new Set([
  'state',
  'exchange_order_id',
  'executed_qty',
  'cummulative_quote_qty',
  'avg_price',
  'last_exchange_status',
  'reject_code',
  'reject_message',
  'not_found_count',
  'lease_holder',
  'lease_expires_at',
]);

/** Whether a plan can be committed with others: a paper row, from a venue order, nothing else. */
export function bulkable({ row, plan }: PlannedRow): boolean {
  const patch = plan.patch;
  return (
    row.mode !== 'live' &&
    patch !== undefined &&
    plan.event !== undefined &&
    plan.error === undefined &&
    !plan.unresolved &&
    patch.not_found_count === 0 &&
    patch.lease_holder === null &&
    Object.keys(patch).every((k) => BULK_COLUMNS.has(k))
  );
}

const keyOf = (r: { source: string; intent_id: string }) => `${r.source}\u0000${r.intent_id}`;

/** One UPDATE of many rows, each only if still as read (state, updated_at) and not leased. */
async function updateMany(trx: Trx, items: readonly PlannedRow[], at: Date) {
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
  const result = await sql<ExecutionOrderRow>`
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
    returning o.*`.execute(trx);
  return result.rows;
}

/** One INSERT of the trades of every updated row; a trade already stored is skipped. */
async function insertFills(
  trx: Trx,
  updated: readonly ExecutionOrderRow[],
  tradesOf: ReadonlyMap<string, readonly VenueTrade[]>,
): Promise<Map<string, OrderFill[]>> {
  const values = updated.flatMap((row) =>
    (tradesOf.get(keyOf(row)) as readonly VenueTrade[]).map((t) => ({
      venue: row.venue,
      symbol: row.symbol,
      trade_id: t.id,
      source: row.source,
      intent_id: row.intent_id,
      exchange_order_id: t.orderId,
      price: t.price,
      qty: t.qty,
      quote_qty: t.quoteQty,
      commission: t.commission,
      commission_asset: t.commissionAsset,
      is_maker: t.isMaker,
      traded_at: new Date(t.time),
    })),
  );
  const fills = new Map<string, OrderFill[]>();
  if (values.length === 0) return fills;
  const inserted = await trx
    .insertInto('execution.fills')
    .values(values)
    .onConflict((oc) => oc.columns(['venue', 'symbol', 'trade_id']).doNothing())
    .returning([
      'source',
      'intent_id',
      'trade_id',
      'price',
      'qty',
      'commission',
      'commission_asset',
    ])
    .execute();
  for (const f of inserted) {
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

async function publishAll(ctx: ApplyContext, events: readonly OrderEvent[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PUBLISH_WIDTH, events.length) }, async () => {
      while (next < events.length) {
        const event = events[next++] as OrderEvent;
        try {
          await ctx.publisher.announce({ events: [event], audits: [] });
        } catch (err) {
          ctx.logger.error({ err, intentId: event.intentId }, 'publishing the order event failed');
          addError(ctx.tally, {
            code: 'PUBLISH_FAILED',
            message: `The change of intent ${event.intentId} is stored, but its event was not published: ${describeFailure(err)}`,
          });
        }
      }
    }),
  );
}

/** One chunk in one transaction; rows changed meanwhile are left to their writer. */
async function applyChunk(ctx: ApplyContext, items: readonly PlannedRow[]): Promise<void> {
  const byKey = new Map(items.map((i) => [keyOf(i.row), i]));
  const tradesOf = new Map(items.map((i) => [keyOf(i.row), i.trades]));
  const at = ctx.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateMany(trx, items, new Date(at));
    const fills = await insertFills(trx, updated, tradesOf);
    const events = updated.map((row) => {
      const item = byKey.get(keyOf(row)) as PlannedRow;
      const spec = item.plan.event as NonNullable<RowPlan['event']>;
      return orderEventFromRow(row, spec, eventStamp(at), fills.get(keyOf(row)) ?? []);
    });
    if (events.length > 0) {
      await trx
        .insertInto('execution.order_events')
        .values(
          events.map((e) => ({
            intent_id: e.intentId,
            type: e.type,
            state: e.state,
            payload: JSON.stringify(e),
            at: new Date(e.at),
          })),
        )
        .execute();
    }
    return { updated, fills, events };
  });
  const changed = new Set(done.updated.map(keyOf));
  for (const row of done.updated) {
    const before = (byKey.get(keyOf(row)) as PlannedRow).row;
    countChange(ctx.tally, before.state, row.state);
    ctx.tally.fillsAdded += done.fills.get(keyOf(row))?.length ?? 0;
  }
  const left = items.filter((i) => !changed.has(keyOf(i.row)));
  if (left.length > 0) {
    ctx.logger.info(
      { rows: left.length },
      'rows changed since they were read; left to their writers',
    );
  }
  ctx.logger.info({ rows: done.updated.length }, 'orders reconciled in one batch');
  await publishAll(ctx, done.events);
}

/**
 * Commits many rows' plans: paper rows a venue order decides go {@link CHUNK} at a time (one UPDATE
 * via jsonb_to_recordset, one INSERT of fills, one of events, then events published in parallel);
 * every other plan (live rows with their audit row, not-found plans, errors) goes through
 * {@link applyPlan}, row by row, as before.
 */
export async function applyPlans(ctx: ApplyContext, items: readonly PlannedRow[]): Promise<void> {
  const bulk = items.filter(bulkable);
  for (const item of items) {
    if (!bulkable(item)) await applyPlan(ctx, item.row, item.plan, item.trades);
  }
  for (let i = 0; i < bulk.length; i += CHUNK) await applyChunk(ctx, bulk.slice(i, i + CHUNK));
}
