import { z } from 'zod';
import { venueOrderStatusSchema, type VenueOrder, type VenueTrade } from './venue-order.js';
import { epochMs, signedVenueDecimal, venueDecimal, venueId } from './wire.js';

/**
 * The fields of a user-data `executionReport` (user-data-stream.md) that decide the order row and
 * its fills; the others are allowed and ignored.
 */
const executionReportSchema = z.object({
  e: z.literal('executionReport'),
  E: epochMs,
  s: z.string(),
  c: z.string(),
  C: z.string().nullable().optional(),
  S: z.enum(['BUY', 'SELL']),
  o: z.string(),
  f: z.string(),
  q: venueDecimal,
  p: venueDecimal,
  x: z.string(),
  X: venueOrderStatusSchema,
  i: venueId,
  l: venueDecimal,
  z: venueDecimal,
  L: venueDecimal,
  n: venueDecimal,
  N: z.string().nullable(),
  T: epochMs,
  t: venueId,
  m: z.boolean(),
  Z: signedVenueDecimal,
  Y: venueDecimal,
});

/** One executionReport: the order as the venue had it at `eventTime`, and the trade it reports. */
export interface ExecutionReport {
  /** `E`: when the venue emitted the event (epoch ms). */
  readonly eventTime: number;
  /** `x`: NEW, TRADE, CANCELED, EXPIRED, REJECTED, TRADE_PREVENTION, … */
  readonly executionType: string;
  /** `clientOrderId` is the order's own id (`C` on a cancel, where `c` is the cancel's). */
  readonly order: VenueOrder;
  /** Present when `t` is not -1: the fill this event reports. */
  readonly trade?: VenueTrade;
}

export type ParsedReport =
  | { readonly ok: true; readonly report: ExecutionReport }
  | { readonly ok: false; readonly reason: 'not-a-report' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly message: string };

const isReport = (raw: unknown) =>
  typeof raw === 'object' && raw !== null && (raw as { e?: unknown }).e === 'executionReport';

/** Parses one user-data event; anything but an executionReport is `not-a-report`. */
export function parseExecutionReport(raw: unknown): ParsedReport {
  if (!isReport(raw)) return { ok: false, reason: 'not-a-report' };
  const parsed = executionReportSchema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, reason: 'invalid', message: `malformed executionReport (${message})` };
  }
  const r = parsed.data;
  const order: VenueOrder = {
    symbol: r.s,
    orderId: r.i,
    clientOrderId: r.C !== undefined && r.C !== null && r.C !== '' ? r.C : r.c,
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
  const trade: VenueTrade | undefined =
    r.t === '-1'
      ? undefined
      : {
          symbol: r.s,
          id: r.t,
          orderId: r.i,
          price: r.L,
          qty: r.l,
          quoteQty: r.Y,
          commission: r.n,
          commissionAsset: r.N ?? '',
          time: r.T,
          isBuyer: r.S === 'BUY',
          isMaker: r.m,
        };
  return {
    ok: true,
    report: {
      eventTime: r.E,
      executionType: r.x,
      order,
      ...(trade !== undefined && { trade }),
    },
  };
}
