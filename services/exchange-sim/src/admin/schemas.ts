import { z } from 'zod';

export const unsignedDecimal = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string');
const signedDecimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');
export const asset = z.string().regex(/^[A-Z0-9]{1,20}$/, 'an asset code like BTC');
/** An account's API key: 1–64 letters or digits. */
export const simApiKey = z.string().regex(/^[A-Za-z0-9]{1,64}$/, '1–64 letters or digits');
/** An account's API secret: 1–128 characters. */
export const simApiSecret = z.string().min(1).max(128);

/** `POST /__sim/accounts`. Commissions are rates ("0.001" = 0.1 %, the default). */
export const createAccountBodySchema = z.object({
  apiKey: simApiKey.optional(),
  apiSecret: simApiSecret.optional(),
  balances: z.record(asset, unsignedDecimal).optional(),
  makerCommission: unsignedDecimal.optional(),
  takerCommission: unsignedDecimal.optional(),
});
export type CreateAccountBody = z.input<typeof createAccountBodySchema>;

export const credentialsSchema = z.object({ apiKey: z.string(), apiSecret: z.string() });
export type SimCredentials = z.infer<typeof credentialsSchema>;

/** `POST /__sim/fund`: adds `amount` (negative removes) to the free balance. */
export const fundBodySchema = z.object({ apiKey: z.string().min(1), asset, amount: signedDecimal });
export type FundBody = z.input<typeof fundBodySchema>;

/** `POST /__sim/price`: sets the last price; resting orders it crosses fill at their limit. */
export const priceBodySchema = z.object({ symbol: z.string().min(1), price: unsignedDecimal });
export type PriceBody = z.input<typeof priceBodySchema>;

/**
 * `POST /__sim/liquidity`: caps the base quantity one taker order can trade on `symbol`
 * (`null` = unlimited, the default). The rest of a MARKET / IOC order then expires part-filled,
 * a FOK order expires unfilled, a GTC limit order rests; a MARKET order is refused (-2010)
 * when the cap is below the LOT_SIZE minimum. Resting orders crossed by a price move fill whole.
 */
export const liquidityBodySchema = z.object({
  symbol: z.string().min(1),
  maxQty: unsignedDecimal.nullable(),
});
export type LiquidityBody = z.input<typeof liquidityBodySchema>;

/**
 * `POST /__sim/depth`: the synthetic liquidity around the last price on `symbol` — the rest of the
 * market, replenished for every taker order. Each level is an ask at last + offset and a bid at
 * last − offset with `qty` (base asset) on each. `null` restores the default: one level at the
 * last price with the symbol's LOT_SIZE maxQty on each side (in effect unlimited); `[]` leaves
 * only the accounts' resting orders. A taker walks the levels (and resting orders) best price
 * first, so it can fill at several prices; the liquidity cap (`/liquidity`) still applies.
 */
export const depthBodySchema = z.object({
  symbol: z.string().min(1),
  levels: z
    .array(z.object({ offset: unsignedDecimal, qty: unsignedDecimal }))
    .max(100)
    .nullable(),
});
export type DepthBody = z.input<typeof depthBodySchema>;

/** `GET /__sim/book/:symbol`: up to 20 price levels a side, best first, `[price, qty]`. */
export const bookViewSchema = z.object({
  symbol: z.string(),
  lastPrice: z.string(),
  bids: z.array(z.tuple([z.string(), z.string()])),
  asks: z.array(z.tuple([z.string(), z.string()])),
});
export type SimBookView = z.infer<typeof bookViewSchema>;

/**
 * `POST /__sim/ws/drop`: closes every websocket (WebSocket API and market streams). Default: cut at
 * once (terminate, as a network failure); `graceful`: WebSocket API connections first get a
 * `serverShutdown` event, then every connection is closed with code 1001.
 */
export const wsDropBodySchema = z.object({ graceful: z.boolean().default(false) });
export type WsDropBody = z.input<typeof wsDropBodySchema>;

/** `POST /__sim/ws/gap`: the next `count` user-data events (all accounts) are never delivered. */
export const wsGapBodySchema = z.object({ count: z.number().int().min(1) });
export type WsGapBody = z.input<typeof wsGapBodySchema>;

/** `GET /__sim/ws`: open websockets, user-data subscriptions and market streams watched. */
export const wsStatusSchema = z.object({
  connections: z.number(),
  userSubscriptions: z.number(),
  marketStreams: z.number(),
});
export type SimWsStatus = z.infer<typeof wsStatusSchema>;

/** `POST /__sim/orders/:orderId/fill`: fills `qty` (default: all that is left) at the order's price. */
export const fillBodySchema = z.object({ qty: unsignedDecimal.optional() });
export type FillBody = z.input<typeof fillBodySchema>;

/** `POST /__sim/orders/fill`: fills many resting orders completely at once (benchmarks, restarts). */
export const fillManyBodySchema = z.object({
  orderIds: z.array(z.number().int().positive()).min(1).max(100_000),
});
export type FillManyBody = z.input<typeof fillManyBodySchema>;

export const FAULT_KINDS = [
  'accept-then-timeout',
  '5xx-before-accept',
  'unknown-1007-after-accept',
  'latency',
  'rate-limit',
  'connection-reset',
  'read-lag',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The read paths a `read-lag` fault can hold back (all of them unless `path` names one). */
export const READ_LAG_PATHS = [
  '/api/v3/order',
  '/api/v3/openOrders',
  '/api/v3/allOrders',
  '/api/v3/myTrades',
] as const;
export type ReadLagPath = (typeof READ_LAG_PATHS)[number];

const faultFields = z.object({
  kind: z.enum(FAULT_KINDS),
  count: z.number().int().min(1).default(1),
  delayMs: z.number().int().min(0).optional(),
  path: z.string().startsWith('/').optional(),
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .optional(),
  body: z.enum(['html', 'json']).optional(),
});

/**
 * `POST /__sim/faults`: applies to the next `count` requests on a Binance path that match
 * `path` (exact, e.g. '/api/v3/order') and `method` when given.
 * - accept-then-timeout: handled normally, then the answer is held `delayMs`, or with no delay
 *   until the client gives up (or the sim stops).
 * - 5xx-before-accept: nothing is done; HTTP 503 with the gateway's HTML page (`body: 'html'`,
 *   the default) or JSON `{"code":-1008,...}` (`body: 'json'`).
 * - unknown-1007-after-accept: handled normally, then answered HTTP 503 `{"code":-1007,...}`.
 * - latency: waits `delayMs`, then handles normally.
 * - rate-limit: HTTP 429 `{"code":-1003,...}` with Retry-After = ceil(delayMs / 1000) seconds
 *   (default: until the current minute ends); nothing is done.
 * - connection-reset: the socket is destroyed before anything is done.
 * - read-lag (`delayMs` required, ≥ 1; no `method` or `body`): applies to the next `count`
 *   **accepted** placements (`POST /api/v3/order` answered 200; refusals, `/order/test` and other
 *   requests leave it pending). For `delayMs` after such an order was accepted (server clock) the
 *   read paths do not see it: `GET /api/v3/order` answers HTTP 400 -2013 "Order does not exist.",
 *   `GET /api/v3/openOrders` and `GET /api/v3/allOrders` leave it out, `GET /api/v3/myTrades`
 *   leaves its trades out. `path` (one of READ_LAG_PATHS) limits the lag to that read path. The
 *   placement answer is normal, and the matching engine knows the order: a cancel reaches it and
 *   a resend of its client id while it is open is -2010 "Duplicate order sent." (as on Binance,
 *   where cancels and new orders go to the matching engine and only queries read the lagging
 *   store). It combines with a fault on the same placement (e.g. accept-then-timeout). The
 *   admin views (`/__sim/orders`) always show the truth.
 */
export const faultSpecSchema = faultFields.superRefine((spec, ctx) => {
  if (spec.kind !== 'read-lag') return;
  if (spec.delayMs === undefined || spec.delayMs < 1)
    ctx.addIssue({ code: 'custom', path: ['delayMs'], message: 'read-lag needs delayMs ≥ 1' });
  if (spec.path !== undefined && !(READ_LAG_PATHS as readonly string[]).includes(spec.path))
    ctx.addIssue({
      code: 'custom',
      path: ['path'],
      message: `read-lag path must be one of ${READ_LAG_PATHS.join(', ')}`,
    });
  for (const field of ['method', 'body'] as const) {
    if (spec[field] !== undefined)
      ctx.addIssue({ code: 'custom', path: [field], message: `read-lag takes no ${field}` });
  }
});
export type FaultSpec = z.input<typeof faultSpecSchema>;
export type ParsedFaultSpec = z.output<typeof faultSpecSchema>;

export const pendingFaultSchema = faultFields.extend({
  id: z.number().int(),
  remaining: z.number().int(),
});
export type PendingFault = z.output<typeof pendingFaultSchema>;

/** One request that reached a Binance path (recorded before any fault or check). */
export const requestRecordSchema = z.object({
  method: z.string(),
  path: z.string(),
  /** The raw query string as sent (signature included). */
  query: z.string(),
  apiKey: z.string().optional(),
  /** Server time (ms) when it arrived. */
  at: z.number(),
  /** The request weight it counts for (whether or not it was admitted). */
  weight: z.number(),
});
export type SimRequestRecord = z.infer<typeof requestRecordSchema>;

/** An order as the simulator knows it: the Binance query-order fields plus who owns it. */
export const simOrderSchema = z.object({
  apiKey: z.string(),
  symbol: z.string(),
  orderId: z.number(),
  orderListId: z.number(),
  clientOrderId: z.string(),
  price: z.string(),
  origQty: z.string(),
  executedQty: z.string(),
  cummulativeQuoteQty: z.string(),
  status: z.enum(['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'EXPIRED_IN_MATCH']),
  timeInForce: z.enum(['GTC', 'IOC', 'FOK']),
  type: z.enum(['LIMIT', 'MARKET', 'LIMIT_MAKER']),
  side: z.enum(['BUY', 'SELL']),
  stopPrice: z.string(),
  icebergQty: z.string(),
  time: z.number(),
  updateTime: z.number(),
  isWorking: z.boolean(),
  workingTime: z.number(),
  origQuoteOrderQty: z.string(),
  selfTradePreventionMode: z.string(),
  strategyId: z.number().optional(),
  strategyType: z.number().optional(),
  expiryReason: z.string().optional(),
  preventedMatchId: z.number().optional(),
  preventedQuantity: z.string().optional(),
  /** The client id the cancel request used, when the order was cancelled through the API. */
  cancelClientOrderId: z.string().optional(),
});
export type SimOrderView = z.infer<typeof simOrderSchema>;

export const balanceViewSchema = z.object({ free: z.string(), locked: z.string() });
export type SimBalanceView = z.infer<typeof balanceViewSchema>;

export const accountViewSchema = z.object({
  apiKey: z.string(),
  makerCommission: z.string(),
  takerCommission: z.string(),
  balances: z.record(z.string(), balanceViewSchema),
});
export type SimAccountView = z.infer<typeof accountViewSchema>;

/** Body of every admin error: `{ error: { code, message, details? } }`. */
export const adminErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.string()).optional(),
  }),
});
