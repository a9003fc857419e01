import type { VenueOrder } from '@livegate/binance';
import type { ExecutionOrderRow } from '@livegate/db';
import { Decimal } from 'decimal.js';

/** A row of execution.fills. */
export interface FillRow {
  venue: string;
  symbol: string;
  trade_id: string;
  source: string;
  intent_id: string;
  exchange_order_id: string;
  price: string;
  qty: string;
  quote_qty: string;
  commission: string;
  commission_asset: string;
  is_maker: boolean;
  traded_at: Date;
}

/**
 * The fills a placement answer reported, as rows keyed (venue, symbol, trade id). They happened as
 * the order arrived, so they took liquidity (`is_maker` false), at the answer's transactTime.
 */
export function fillRowsOf(
  row: Pick<ExecutionOrderRow, 'venue' | 'symbol' | 'source' | 'intent_id'>,
  order: VenueOrder,
  now: number,
): FillRow[] {
  const tradedAt = new Date(order.updatedAt ?? now);
  return order.fills.map((f) => ({
    venue: row.venue,
    symbol: row.symbol,
    trade_id: f.tradeId,
    source: row.source,
    intent_id: row.intent_id,
    exchange_order_id: order.orderId,
    price: f.price,
    qty: f.qty,
    quote_qty: new Decimal(f.price).times(f.qty).toFixed(),
    commission: f.commission,
    commission_asset: f.commissionAsset,
    is_maker: false,
    traded_at: tradedAt,
  }));
}
