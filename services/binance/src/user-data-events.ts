import { z } from 'zod';
import { venueOrderStatusSchema, type VenueFill, type VenueOrder } from './venue-order.js';
import { epochMs, signedVenueDecimal, venueDecimal, venueId } from './wire.js';

/**
 * `executionReport` (user-data-stream.md), as the adapter hands orders out: `order` is a
 * {@link VenueOrder} whose `clientOrderId` is the order's own id (on a cancel Binance sends the
 * cancel's id in `c` and the order's in `C`), `fill` the trade of a TRADE report.
 */
export const executionReportSchema = z
  .object({
    e: z.literal('executionReport'),
    E: epochMs,
    s: z.string(),
    c: z.string(),
    S: z.enum(['BUY', 'SELL']),
    o: z.string(),
    f: z.string(),
    q: venueDecimal,
    p: venueDecimal,
    C: z.string(),
    x: z.string(),
    X: venueOrderStatusSchema,
    r: z.string(),
    i: venueId,
    l: venueDecimal,
    z: venueDecimal,
    L: venueDecimal,
    n: venueDecimal,
    N: z.string().nullable(),
    T: epochMs,
    t: venueId,
    m: z.boolean(),
    O: epochMs,
    Z: signedVenueDecimal,
    eR: z.string().optional(),
  })
  .transform((r) => {
    const order: VenueOrder = {
      symbol: r.s,
      orderId: r.i,
      clientOrderId: r.x === 'CANCELED' && r.C !== '' ? r.C : r.c,
      price: r.p,
      origQty: r.q,
      executedQty: r.z,
      cummulativeQuoteQty: r.Z,
      status: r.X,
      timeInForce: r.f,
      type: r.o,
      side: r.S,
      updatedAt: r.T,
      fills: [],
    };
    const fill: (VenueFill & { readonly isMaker: boolean }) | undefined =
      r.x === 'TRADE'
        ? {
            price: r.L,
            qty: r.l,
            commission: r.n,
            commissionAsset: r.N ?? '',
            tradeId: r.t,
            isMaker: r.m,
          }
        : undefined;
    return {
      kind: 'executionReport' as const,
      eventTime: r.E,
      /** NEW, CANCELED, REPLACED, REJECTED, TRADE, EXPIRED, TRADE_PREVENTION. */
      executionType: r.x,
      rejectReason: r.r,
      expiryReason: r.eR,
      /** When the venue created the order. */
      orderCreatedAt: r.O,
      order,
      fill,
    };
  });
export type ExecutionReport = z.output<typeof executionReportSchema>;

/** `outboundAccountPosition`: the free and locked amounts, now, of the assets a change touched. */
export const accountPositionSchema = z
  .object({
    e: z.literal('outboundAccountPosition'),
    E: epochMs,
    u: epochMs,
    B: z.array(z.object({ a: z.string(), f: venueDecimal, l: venueDecimal })),
  })
  .transform((p) => ({
    kind: 'accountPosition' as const,
    eventTime: p.E,
    /** The account's last update time (GET /api/v3/account `updateTime` is the same clock). */
    updateTime: p.u,
    balances: p.B.map((b) => ({ asset: b.a, free: b.f, locked: b.l })),
  }));
export type AccountPosition = z.output<typeof accountPositionSchema>;

/** `balanceUpdate`: funds moved in (positive `delta`) or out, from outside trading. */
export const balanceUpdateSchema = z
  .object({
    e: z.literal('balanceUpdate'),
    E: epochMs,
    a: z.string(),
    d: signedVenueDecimal,
    T: epochMs,
  })
  .transform((b) => ({
    kind: 'balanceUpdate' as const,
    eventTime: b.E,
    asset: b.a,
    delta: b.d,
    clearTime: b.T,
  }));
export type BalanceUpdate = z.output<typeof balanceUpdateSchema>;

/** The session is ending (`serverShutdown`) or the subscription was ended (`eventStreamTerminated`). */
export const streamEndSchema = z
  .object({ e: z.enum(['serverShutdown', 'eventStreamTerminated']), E: epochMs })
  .transform((s) => ({ kind: 'streamEnd' as const, reason: s.e, eventTime: s.E }));

export const userDataEventSchema = z.union([
  executionReportSchema,
  accountPositionSchema,
  balanceUpdateSchema,
  streamEndSchema,
]);

/** An event of the user data stream the consumer is given (stream ends are handled inside). */
export type UserDataEvent = ExecutionReport | AccountPosition | BalanceUpdate;

/** A WebSocket API frame: an answer `{ id, status, result | error }` or an event `{ subscriptionId?, event }`. */
export const wsApiFrameSchema = z.union([
  z.object({
    id: z.union([z.string(), z.number(), z.null()]),
    status: z.int(),
    result: z.unknown().optional(),
    error: z.object({ code: z.int(), msg: z.string() }).optional(),
  }),
  z.object({ subscriptionId: z.int().optional(), event: z.looseObject({ e: z.string() }) }),
]);
