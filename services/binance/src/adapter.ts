import type { Logger } from '@livegate/runtime';
import { z } from 'zod';
import { accountSchema, type AccountInfo } from './account.js';
import { exchangeInfoSchema, type ExchangeInfo } from './exchange-info.js';
import { acquireHttpStatusProbe } from './http-status-probe.js';
import { orderPayload, type PlaceOrderRequest } from './order-request.js';
import type {
  Duplicate,
  LookupOutcome,
  Placed,
  PlaceOutcome,
  QueryOutcome,
  SendOutcome,
  VenueFailure,
} from './outcome.js';
import {
  checkOrder,
  placeOrder,
  type CheckOutcome,
  type PlacementDeps,
  type PlaceOrderOptions,
} from './place-order.js';
import { createRedactor } from './redact.js';
import { createServerClock } from './server-clock.js';
import { createLibraryClient, type SpotClient } from './spot-client.js';
import { createTtlCache } from './ttl-cache.js';
import type { BudgetSnapshot } from './weight-budget.js';
import { createVenueCall } from './venue-call.js';
import { createAdapterBudget, type BudgetShare } from './venue-budget.js';
import { parseVenueConfig, type VenueConfigInput } from './venue-config.js';
import { createVenueHealth, type VenueHealth } from './venue-health.js';
import { openVenueStreams, type StreamStatus, type UserDataListener } from './venue-streams.js';
import {
  canceledOrderSchema,
  placedOrderSchema,
  queriedOrderSchema,
  venueTradeSchema,
  type VenueOrder,
  type VenueTrade,
} from './venue-order.js';
import { venueDecimal } from './wire.js';

export interface OrderRef {
  readonly symbol: string;
  readonly clientOrderId: string;
}

export interface TradesQuery {
  readonly symbol: string;
  readonly orderId?: string;
  readonly fromId?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
}

export interface AllOrdersQuery {
  readonly symbol: string;
  readonly orderId?: string;
  readonly limit?: number;
}

/** One Binance spot venue. Every method resolves to a typed outcome; none throws for a venue problem. */
export interface BinanceSpotAdapter {
  readonly name: string;
  /**
   * Pre-trade checks, then one POST /api/v3/order with `newClientOrderId` = `order.clientOrderId`.
   * The order is re-validated at run time (a malformed one is refused as INVALID_INTENT, unsent).
   */
  placeOrder(order: PlaceOrderRequest, options?: PlaceOrderOptions): Promise<PlaceOutcome>;
  /**
   * The pre-trade half of placeOrder: validation, checks, every venue read (and the clock offset
   * measured), no order request. `ready` carries the request to give to {@link sendOrder}.
   */
  checkOrder(order: PlaceOrderRequest, options?: PlaceOrderOptions): Promise<CheckOutcome>;
  /**
   * The sending half: exactly one POST /api/v3/order for a `ready` order, no other venue call (the
   * clock offset checkOrder measured is used). `mayStillSign` is asked synchronously, in the same tick
   * in which the request's `timestamp` is taken: false → nothing is sent (`not-signed`).
   */
  sendOrder(order: PlaceOrderRequest, options?: SendOrderOptions): Promise<SendOutcome>;
  /** By client order id; `not-found` for -2013 (maybe transient right after placement) and -2026 (archived). */
  getOrder(ref: OrderRef): Promise<LookupOutcome<VenueOrder>>;
  /** `not-found` for -2011 "Unknown order sent." (not open: already terminal, or never placed). */
  cancelOrder(ref: OrderRef): Promise<LookupOutcome<VenueOrder>>;
  /** One symbol (weight 6), or every symbol (weight 80). */
  openOrders(symbol?: string): Promise<QueryOutcome<VenueOrder[]>>;
  /** Cancels every open order on the symbol; nothing open is `ok([])`. */
  cancelAllOpenOrders(symbol: string): Promise<QueryOutcome<VenueOrder[]>>;
  /** Trades by symbol (weight 20) or by order (`orderId`, weight 5), from `fromId`, at most `limit` (1000). */
  myTrades(query: TradesQuery): Promise<QueryOutcome<VenueTrade[]>>;
  /** Orders of a symbol from `orderId` on (weight 20), at most `limit` (1000): the reconciler's batch read. */
  allOrders(query: AllOrdersQuery): Promise<QueryOutcome<VenueOrder[]>>;
  /** Cached for `exchangeInfoTtlMs`; `refresh` fetches now. */
  exchangeInfo(options?: { refresh?: boolean }): Promise<QueryOutcome<ExchangeInfo>>;
  account(): Promise<QueryOutcome<AccountInfo>>;
  /** Measures the venue clock offset now (otherwise done before the first signed call and every `timeSyncTtlMs`). */
  syncTime(): Promise<QueryOutcome<{ offsetMs: number }>>;
  timeOffsetMs(): number;
  health(): VenueHealth;
  /**
   * Listens to the user data stream (with `wsApiUrl`): every event, and every resync signal (after a
   * (re)subscription or a detected gap). Returns the removal; without a stream it never calls.
   */
  listenUserData(listener: UserDataListener): () => void;
  /** What the venue streams serve now (all `off` without stream URLs). */
  streamStatus(): StreamStatus;
  /** The request-weight budget as this instance sees it (its own calls, headers, other instances). */
  budget(): BudgetSnapshot;
  /** Releases the shared HTTP status probe and the budget's listeners (and closes the streams). */
  close(): void;
}

export interface SendOrderOptions {
  /** Asked right before signing; the request's `timestamp` is taken in the same tick. */
  readonly mayStillSign?: () => boolean;
}

export interface CreateBinanceSpotAdapterOptions {
  readonly config: VenueConfigInput;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Replaces binance-api-node (unit tests). */
  readonly client?: SpotClient;
  readonly onHealthChange?: (health: VenueHealth) => void;
  /** Shares the request-weight budget with the other instances on this venue key (the bus). */
  readonly budgetShare?: BudgetShare;
}

type Payload = Record<string, string | number>;
const NOT_SIGNED = 'the order was not signed: its fenced step is older than the send budget';
const budgetExhausted = {
  kind: 'budget-exhausted',
  message:
    'the request-weight or order budget of the venue stayed used up for the whole send budget; nothing was sent',
} as const;
const compact = (fields: Record<string, string | number | undefined>): Payload =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Payload;

/** The BinanceSpotAdapter over binance-api-node (`httpBase` = the venue; see the package README). */
export function createBinanceSpotAdapter(
  options: CreateBinanceSpotAdapterOptions,
): BinanceSpotAdapter {
  const config = parseVenueConfig(options.config);
  const { now = Date.now, onHealthChange = () => {} } = options;
  const logger = options.logger.child({ venue: config.name });
  const probe = acquireHttpStatusProbe();
  const health = createVenueHealth({ now, onChange: onHealthChange });
  const clock = createServerClock({
    now,
    ttlMs: config.timeSyncTtlMs,
    logger,
    fetchServerTime: () => call('query', 'time', () => client.time(), z.number()),
  });
  const client =
    options.client ??
    createLibraryClient({
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      apiSecret: config.apiSecret,
      getTime: clock.now,
    });
  const budget = createAdapterBudget(config, { now, logger, share: options.budgetShare });
  const call = createVenueCall({
    budget,
    timeoutMs: config.timeoutMs,
    defaultBackoffMs: config.rateLimitBackoffMs,
    now,
    probe,
    health,
    redact: createRedactor([config.apiSecret, config.apiKey]),
    logger,
    onClockRejected: clock.markStale,
  });
  const recvWindow = config.recvWindowMs;
  const signed = async <T>(run: () => Promise<T>): Promise<T> => {
    await clock.ensureFresh();
    return run();
  };

  const infoCache = createTtlCache({
    ttlMs: config.exchangeInfoTtlMs,
    now,
    load: async () => {
      const r = await call(
        'query',
        'exchangeInfo',
        () => client.exchangeInfo(),
        exchangeInfoSchema,
      );
      return r.kind === 'ok'
        ? { ok: true as const, value: r.value }
        : { ok: false as const, failure: r };
    },
  });
  const accountCache = createTtlCache({
    ttlMs: config.balanceTtlMs,
    now,
    load: async () => {
      const r = await signed(() =>
        call('query', 'account', () => client.accountInfo({ recvWindow }), accountSchema),
      );
      return r.kind === 'ok'
        ? { ok: true as const, value: r.value }
        : { ok: false as const, failure: r };
    },
  });

  const streams = openVenueStreams({
    config,
    logger,
    now,
    venueTime: clock.now,
    snapshot: async () => {
      const r = await accountCache.get({ maxAgeMs: 0 });
      return r.ok ? { kind: 'ok', value: r.value.value } : r.failure;
    },
    refresh: () => {
      void infoCache.get({ maxAgeMs: 0 });
      void clock.sync();
    },
  });

  const restPrice = (symbol: string) =>
    config.marketPriceSource === 'avgPrice'
      ? call(
          'query',
          'avgPrice',
          () => client.avgPrice({ symbol }),
          z.object({ price: venueDecimal }).transform((r) => r.price),
        )
      : call(
          'query',
          'tickerPrice',
          () => client.prices({ symbol }),
          z.object({ [symbol]: venueDecimal }).transform((r) => r[symbol] as string),
        );
  const referencePrice = async (symbol: string): Promise<QueryOutcome<string>> => {
    const streamed = streams?.price(symbol);
    return streamed === undefined ? restPrice(symbol) : { kind: 'ok', value: streamed };
  };

  /** One POST /api/v3/order, nothing else; runs synchronously up to the library's `timestamp`. */
  const post = async (order: PlaceOrderRequest): Promise<Placed | Duplicate | VenueFailure> => {
    const sent = await call(
      'place',
      'order',
      () => client.order(orderPayload(order, recvWindow)),
      placedOrderSchema,
    );
    // The venue's filters disagree with our cached copy: fetch exchangeInfo afresh next time.
    if (sent.kind === 'rejected' && sent.code === -1013) {
      infoCache.invalidate();
      // With streams the order path never waits for exchangeInfo: fetch it now, in the background.
      if (streams !== undefined) void infoCache.get();
    }
    return sent.kind === 'ok' ? { kind: 'placed', order: sent.value } : sent;
  };

  const sendOrder = async (
    order: PlaceOrderRequest,
    { mayStillSign }: SendOrderOptions = {},
  ): Promise<SendOutcome> => {
    if (mayStillSign !== undefined && !(await budget.waitForOrder(mayStillSign))) {
      return budgetExhausted;
    }
    if (mayStillSign !== undefined && !mayStillSign()) {
      return { kind: 'not-signed', message: NOT_SIGNED };
    }
    // No await between the check above and post's request: the timestamp is taken in this tick.
    return post(order);
  };

  const placement: PlacementDeps = {
    now,
    logger,
    exchangeInfo: async () => {
      const r = await infoCache.get();
      return r.ok ? { kind: 'ok', value: r.value.value } : r.failure;
    },
    account: async (maxAgeMs) => {
      const streamed = maxAgeMs === 0 ? undefined : streams?.account();
      if (streamed !== undefined) return { kind: 'ok', value: streamed };
      const r = await accountCache.get(maxAgeMs === undefined ? {} : { maxAgeMs });
      return r.ok ? { kind: 'ok', value: r.value } : r.failure;
    },
    referencePrice,
    send: async (o) => {
      await clock.ensureFresh();
      return post(o);
    },
  };

  return {
    name: config.name,
    placeOrder: (order, placeOptions) => placeOrder(placement, order, placeOptions),
    async checkOrder(order, checkOptions) {
      const checked = await checkOrder(placement, order, checkOptions);
      if (checked.kind !== 'ready') return checked;
      // An order the budget cannot take now is not fenced: it waits unsent and is retried.
      const heldBack = budget.orderHeldBack();
      if (heldBack !== undefined) return heldBack;
      await clock.ensureFresh();
      return checked;
    },
    sendOrder,
    getOrder: ({ symbol, clientOrderId }) =>
      signed(() =>
        call(
          'lookup',
          'getOrder',
          () => client.getOrder({ symbol, origClientOrderId: clientOrderId, recvWindow }),
          queriedOrderSchema,
        ),
      ),
    cancelOrder: ({ symbol, clientOrderId }) =>
      signed(() =>
        call(
          'cancel',
          'cancelOrder',
          () => client.cancelOrder({ symbol, origClientOrderId: clientOrderId, recvWindow }),
          canceledOrderSchema,
        ),
      ),
    openOrders: (symbol) =>
      signed(() =>
        call(
          'query',
          symbol === undefined ? 'openOrders(all)' : 'openOrders',
          () => client.openOrders(compact({ symbol, recvWindow })),
          z.array(queriedOrderSchema),
        ),
      ),
    cancelAllOpenOrders: async (symbol) => {
      const r = await signed(() =>
        call(
          'cancel',
          'cancelOpenOrders',
          () => client.cancelOpenOrders({ symbol, recvWindow }),
          z.array(canceledOrderSchema),
        ),
      );
      return r.kind === 'not-found' ? { kind: 'ok', value: [] } : r;
    },
    myTrades: (q) =>
      signed(() =>
        call(
          'query',
          q.orderId === undefined ? 'myTrades(symbol)' : 'myTrades',
          () => client.myTrades(compact({ ...q, recvWindow })),
          z.array(venueTradeSchema),
        ),
      ),
    allOrders: (q) =>
      signed(() =>
        call(
          'query',
          'allOrders',
          () => client.allOrders(compact({ ...q, recvWindow })),
          z.array(queriedOrderSchema),
        ),
      ),
    exchangeInfo: async ({ refresh = false } = {}) => {
      const r = await infoCache.get(refresh ? { maxAgeMs: 0 } : {});
      return r.ok ? { kind: 'ok', value: r.value.value } : r.failure;
    },
    account: async () => {
      const r = await accountCache.get({ maxAgeMs: 0 });
      return r.ok ? { kind: 'ok', value: r.value.value } : r.failure;
    },
    syncTime: () => clock.sync(),
    timeOffsetMs: () => clock.offsetMs(),
    health: () => health.current(),
    listenUserData: (listener) => streams?.listen(listener) ?? (() => {}),
    streamStatus: () => streams?.status() ?? { userData: 'off', prices: [] },
    budget: () => budget.snapshot(),
    close: () => {
      streams?.close();
      probe.release();
      budget.close();
    },
  };
}
