import type { Logger } from '@livegate/runtime';
import type { AccountInfo } from './account.js';
import type { ExchangeInfo, SymbolInfo } from './exchange-info.js';
import { placeOrderRequestSchema, type PlaceOrderRequest } from './order-request.js';
import type {
  Duplicate,
  LocalRejected,
  Placed,
  PlaceOutcome,
  QueryOutcome,
  Unknown,
  VenueFailure,
  VenueRejected,
} from './outcome.js';
import { checkBalance, checkNotional, checkRules, needsReferencePrice } from './pre-trade-check.js';
import type { Cached } from './ttl-cache.js';

export interface PlaceOrderOptions {
  /** Orders open on the symbol, when the caller knows it: enables the MAX_NUM_ORDERS check. */
  readonly openOrderCount?: number;
  /**
   * Fetch the reference price even for an order whose checks do not need it (a LIMIT, a quoteOrderQty
   * MARKET BUY) and hand it out with the ready order, for the caller's risk check.
   */
  readonly referencePrice?: boolean;
}

/** What the placement pipeline needs from the adapter (each already timed, typed and logged). */
export interface PlacementDeps {
  readonly now: () => number;
  readonly logger: Logger;
  exchangeInfo(): Promise<QueryOutcome<ExchangeInfo>>;
  account(maxAgeMs?: number): Promise<QueryOutcome<Cached<AccountInfo>>>;
  referencePrice(symbol: string): Promise<QueryOutcome<string>>;
  /** One order request (clock measured first), no other venue call. */
  send(order: PlaceOrderRequest): Promise<Placed | VenueFailure | Duplicate>;
}

function invalid(message: string): LocalRejected {
  return {
    kind: 'rejected',
    source: 'local',
    code: 'INVALID_INTENT',
    message: `INVALID_INTENT: ${message}`,
  };
}

/** A prerequisite fetch failed: nothing was sent. Rate limits and config faults keep their kind. */
function notSent(
  failure: VenueFailure,
  what: string,
): Exclude<CheckOutcome, Ready | LocalRejected> {
  if (failure.kind === 'rate-limited' || failure.kind === 'config-fault') return failure;
  const cause = failure.kind === 'unknown' ? failure.cause : 'unrecognised';
  return {
    kind: 'unavailable',
    cause,
    message: `${what} could not be fetched, nothing was sent: ${failure.message}`,
  };
}

async function balanceRefusal(
  deps: PlacementDeps,
  order: PlaceOrderRequest,
  symbol: SymbolInfo,
  price: string | undefined,
) {
  const startedAt = deps.now();
  let snapshot = await deps.account();
  if (snapshot.kind !== 'ok') return notSent(snapshot, 'account');
  const check = (a: AccountInfo) => checkBalance(order, symbol, price, a.balances, a.takerRate);
  const refused = check(snapshot.value.value);
  if (refused === undefined || snapshot.value.loadedAt >= startedAt) return refused;
  snapshot = await deps.account(0);
  if (snapshot.kind !== 'ok') return notSent(snapshot, 'account');
  return check(snapshot.value.value);
}

async function preTradeRefusal(
  deps: PlacementDeps,
  order: PlaceOrderRequest,
  options: PlaceOrderOptions,
) {
  const info = await deps.exchangeInfo();
  if (info.kind !== 'ok') return notSent(info, 'exchangeInfo');
  const symbol = info.value.symbols.get(order.symbol);
  if (symbol === undefined) return invalid(`symbol ${order.symbol} is not listed on this venue`);
  const ruleRefusal = checkRules(order, symbol, options.openOrderCount);
  if (ruleRefusal !== undefined) return ruleRefusal;
  let price: string | undefined;
  if (needsReferencePrice(order) || options.referencePrice === true) {
    const reference = await deps.referencePrice(order.symbol);
    if (reference.kind !== 'ok') return notSent(reference, 'reference price');
    price = reference.value;
  }
  const refusal =
    checkNotional(order, symbol, price) ?? (await balanceRefusal(deps, order, symbol, price));
  return refusal ?? readyOf(order, symbol, info.value, price);
}

function readyOf(
  order: PlaceOrderRequest,
  symbol: SymbolInfo,
  info: ExchangeInfo,
  referencePrice: string | undefined,
): Ready {
  const baseSymbols = [...info.symbols.values()]
    .filter((s) => s.baseAsset === symbol.baseAsset)
    .map((s) => s.symbol);
  return {
    kind: 'ready',
    order,
    baseAsset: symbol.baseAsset,
    quoteAsset: symbol.quoteAsset,
    baseSymbols,
    ...(referencePrice !== undefined && { referencePrice }),
  };
}

/** The order passed every pre-trade check: it may be sent (the parsed request, as it will go out). */
export interface Ready {
  readonly kind: 'ready';
  readonly order: PlaceOrderRequest;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  /** Every symbol of the venue with the same base asset (positions are per asset, not per symbol). */
  readonly baseSymbols: readonly string[];
  /** The venue's reference price, when it was fetched (MARKET orders, or asked for). */
  readonly referencePrice?: string;
}

/** What the pre-trade step ends in: ready to send, or why nothing may be sent now. */
export type CheckOutcome =
  Ready | Exclude<PlaceOutcome, Placed | Duplicate | VenueRejected | Unknown>;

/**
 * Validates and pre-trade checks one order: every venue read a placement needs (exchangeInfo,
 * reference price, account) happens here, before any fenced step. A refusal names the filter; the
 * venue sees nothing for a malformed order or a filter/balance failure.
 */
export async function checkOrder(
  deps: PlacementDeps,
  input: unknown,
  options: PlaceOrderOptions = {},
): Promise<CheckOutcome> {
  const parsed = placeOrderRequestSchema.safeParse(input);
  if (!parsed.success) {
    return invalid(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  }
  const order = parsed.data;
  const refusal = await preTradeRefusal(deps, order, options);
  if (refusal.kind === 'ready') return refusal;
  deps.logger.info(
    {
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      outcome: refusal.kind,
      ...('code' in refusal ? { code: refusal.code } : {}),
    },
    'order not sent',
  );
  return refusal;
}

/**
 * Validates, pre-trade checks and sends one order (checkOrder, then one request). The venue's answer
 * is a typed outcome; `unknown` means the order may exist (look it up by client order id, never resend).
 */
export async function placeOrder(
  deps: PlacementDeps,
  input: unknown,
  options: PlaceOrderOptions = {},
): Promise<PlaceOutcome> {
  const checked = await checkOrder(deps, input, options);
  if (checked.kind !== 'ready') return checked;
  return deps.send(checked.order);
}
