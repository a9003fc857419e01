import type { OrderFill } from '@livegate/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.js';
import type { ExecutionOrderRow, NewExecutionFill } from './orders.table.js';

/** One venue trade of an order, as the venue reports it (binance `VenueTrade` has this shape). */
export interface TradeToStore {
  readonly id: string;
  readonly orderId: string;
  readonly price: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly isMaker: boolean;
  readonly time: number;
}

/** The `execution.fills` row of one trade of the order of `row`. */
export function fillRow(
  row: Pick<ExecutionOrderRow, 'venue' | 'symbol' | 'source' | 'intent_id'>,
  t: TradeToStore,
): NewExecutionFill {
  return {
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
  };
}

/**
 * Stores the trades of the row's order in `execution.fills`; a trade already stored (venue, symbol,
 * trade id) is skipped. Returns the new ones, as an order event carries them. Pass the transaction
 * that changes the row, so the fills and the row's state are committed together.
 */
export async function insertFills(
  dbOrTrx: Kysely<Database> | Transaction<Database>,
  row: Pick<ExecutionOrderRow, 'venue' | 'symbol' | 'source' | 'intent_id'>,
  trades: readonly TradeToStore[],
): Promise<OrderFill[]> {
  if (trades.length === 0) return [];
  const inserted = await dbOrTrx
    .insertInto('execution.fills')
    .values(trades.map((t) => fillRow(row, t)))
    .onConflict((oc) => oc.columns(['venue', 'symbol', 'trade_id']).doNothing())
    .returning(['trade_id', 'price', 'qty', 'commission', 'commission_asset'])
    .execute();
  return inserted.map((f) => ({
    tradeId: f.trade_id,
    price: f.price,
    qty: f.qty,
    commission: f.commission,
    commissionAsset: f.commission_asset,
  }));
}
