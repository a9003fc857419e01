import { z } from 'zod';
import { epochMs, signedVenueDecimal, venueDecimal, venueId } from './wire.js';

/** Binance spot order statuses, including the two the library's enum lacks. */
export const venueOrderStatusSchema = z.enum([
  'NEW',
  'PENDING_NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'PENDING_CANCEL',
  'REJECTED',
  'EXPIRED',
  'EXPIRED_IN_MATCH',
]);
export type VenueOrderStatus = z.infer<typeof venueOrderStatusSchema>;

/** Statuses after which the order can no longer trade (and its client order id is free again). */
export const TERMINAL_STATUSES: ReadonlySet<VenueOrderStatus> = new Set([
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
  'EXPIRED_IN_MATCH',
]);

const fillSchema = z.object({
  price: venueDecimal,
  qty: venueDecimal,
  commission: venueDecimal,
  commissionAsset: z.string(),
  tradeId: venueId,
});
export type VenueFill = z.infer<typeof fillSchema>;

const orderFields = {
  symbol: z.string(),
  orderId: venueId,
  price: venueDecimal,
  origQty: venueDecimal,
  executedQty: venueDecimal,
  cummulativeQuoteQty: signedVenueDecimal,
  status: venueOrderStatusSchema,
  timeInForce: z.string().optional(),
  type: z.string(),
  side: z.enum(['BUY', 'SELL']),
};

/** An order as the adapter hands it out: ids are strings, amounts decimal strings. */
export interface VenueOrder {
  readonly symbol: string;
  readonly orderId: string;
  /** Our client order id (for a cancel answer: the order's original id, not the cancel's). */
  readonly clientOrderId: string;
  readonly price: string;
  readonly origQty: string;
  readonly executedQty: string;
  readonly cummulativeQuoteQty: string;
  readonly status: VenueOrderStatus;
  readonly timeInForce: string | undefined;
  readonly type: string;
  readonly side: 'BUY' | 'SELL';
  /** Epoch ms the venue stamped (transactTime / updateTime / time), when sent. */
  readonly updatedAt: number | undefined;
  /** Fills reported with a FULL placement answer; empty elsewhere. */
  readonly fills: readonly VenueFill[];
}

/** POST /api/v3/order with newOrderRespType=FULL (RESULT is accepted too: no fills). */
export const placedOrderSchema = z
  .object({
    ...orderFields,
    clientOrderId: z.string(),
    transactTime: epochMs,
    fills: z.array(fillSchema).optional(),
  })
  .transform(({ transactTime, fills, timeInForce, ...rest }): VenueOrder => ({
    ...rest,
    timeInForce,
    updatedAt: transactTime,
    fills: fills ?? [],
  }));

/** GET /api/v3/order and each row of GET /api/v3/openOrders. */
export const queriedOrderSchema = z
  .object({
    ...orderFields,
    clientOrderId: z.string(),
    time: epochMs.optional(),
    updateTime: epochMs.optional(),
  })
  .transform(({ time, updateTime, timeInForce, ...rest }): VenueOrder => ({
    ...rest,
    timeInForce,
    updatedAt: updateTime ?? time,
    fills: [],
  }));

/**
 * DELETE /api/v3/order and each row of DELETE /api/v3/openOrders. The answer's `clientOrderId` is
 * the cancel's own new id; the order's id is `origClientOrderId`, which is what we hand out.
 */
export const canceledOrderSchema = z
  .object({
    ...orderFields,
    origClientOrderId: z.string(),
    clientOrderId: z.string().optional(),
    transactTime: epochMs.optional(),
  })
  .transform(
    ({
      origClientOrderId,
      clientOrderId: _cancelId,
      transactTime,
      timeInForce,
      ...rest
    }): VenueOrder => ({
      ...rest,
      clientOrderId: origClientOrderId,
      timeInForce,
      updatedAt: transactTime,
      fills: [],
    }),
  );

/** A row of GET /api/v3/myTrades. */
export const venueTradeSchema = z.object({
  symbol: z.string(),
  id: venueId,
  orderId: venueId,
  price: venueDecimal,
  qty: venueDecimal,
  quoteQty: venueDecimal,
  commission: venueDecimal,
  commissionAsset: z.string(),
  time: epochMs,
  isBuyer: z.boolean(),
  isMaker: z.boolean(),
});
export type VenueTrade = z.infer<typeof venueTradeSchema>;
