import { lock, unlock, type SimAccount } from './accounts.js';
import { Dec, floorToStep, ZERO } from './decimal.js';
import { errors, fail, ok, type Outcome } from './errors.js';
import { executeFill, type Fill } from './fills.js';
import { checkFilters } from './filters.js';
import type { NewOrderRequest, RespType } from './order-request.js';
import { isOpen, unfilledReason, type ExpiryReason, type SimOrder } from './orders-store.js';
import type { SimState } from './state.js';
import type { SymbolSpec } from './symbols.js';

export interface Placement {
  readonly order: SimOrder;
  readonly fills: readonly Fill[];
  /** The answer shape the request asked for (or its type's default). */
  readonly respType: RespType;
}

interface Sized {
  readonly quantity: Dec;
  readonly marketable: boolean;
}

/** Last-price matching: marketable orders fill at once at the last price, resting orders when it crosses them. */
export function createMatchingEngine(state: SimState) {
  const { prices, orders, rateLimiter } = state;
  const accountOf = (order: SimOrder) => state.accounts.get(order.apiKey) as SimAccount;

  function fill(order: SimOrder, qty: Dec, price: Dec, isMaker: boolean): Fill {
    const firstFill = order.executedQty.isZero();
    const spec = state.specs.get(order.symbol);
    const done = executeFill({
      account: accountOf(order),
      spec: spec as SymbolSpec,
      order,
      qty,
      price,
      isMaker,
      store: orders,
      now: state.clock(),
    });
    if (firstFill) rateLimiter.orderFilled(order.apiKey);
    return done;
  }

  function release(order: SimOrder, status: 'CANCELED' | 'EXPIRED', reason?: ExpiryReason): void {
    unlock(accountOf(order), order.lockedAsset, order.locked);
    order.locked = ZERO;
    order.status = status;
    order.updateTime = state.clock();
    if (reason !== undefined) order.expiryReason = reason;
  }

  /** A taker order's unfilled rest expiring by its own rules (FOK, IOC, MARKET out of liquidity). */
  const expireUnfilled = (order: SimOrder) => release(order, 'EXPIRED', unfilledReason(order));

  /**
   * Trades a marketable order at the last price as taker, up to the symbol's depth. What cannot
   * trade expires for MARKET / IOC (EXPIRED, possibly part-filled) and FOK (all or nothing);
   * a GTC limit order rests with the rest.
   */
  function take(order: SimOrder, last: Dec): Fill[] {
    const canFill = Dec.min(prices.depth(order.symbol) ?? order.origQty, order.origQty);
    if (order.timeInForce === 'FOK' && canFill.lt(order.origQty)) {
      expireUnfilled(order);
      return [];
    }
    const fills = canFill.isZero() ? [] : [fill(order, canFill, last, false)];
    const expires = order.type === 'MARKET' || order.timeInForce !== 'GTC';
    if (order.status !== 'FILLED' && expires) expireUnfilled(order);
    return fills;
  }

  /** Quantity (from quoteOrderQty for MARKET) and the filters; shared with /order/test. */
  function size(req: NewOrderRequest): Outcome<Sized> {
    const last = prices.get(req.spec.symbol);
    const quantity =
      req.quantity ??
      floorToStep((req.quoteOrderQty as Dec).div(last), new Dec(req.spec.lotSize.stepSize));
    const price = req.price;
    const notional = req.quoteOrderQty ?? quantity.mul(price ?? last);
    const refused = checkFilters(req.spec, {
      type: req.type,
      quantity,
      notional,
      ...(price ? { price } : {}),
      band: { side: req.side, average: prices.average(req.spec.symbol).price },
    });
    if (refused !== undefined) return fail(refused);
    const marketable =
      price === undefined || (req.side === 'BUY' ? price.gte(last) : price.lte(last));
    return ok({ quantity, marketable });
  }

  function place(account: SimAccount, req: NewOrderRequest): Outcome<Placement> {
    const sized = size(req);
    if (!sized.ok) return sized;
    const { quantity, marketable } = sized.value;
    const symbol = req.spec.symbol;
    const open = orders.list({ apiKey: account.apiKey, symbol }).filter(isOpen);
    if (open.length >= req.spec.maxNumOrders) return fail(errors.filter('MAX_NUM_ORDERS'));
    if (
      req.newClientOrderId !== undefined &&
      open.some((o) => o.clientOrderId === req.newClientOrderId)
    ) {
      return fail(errors.duplicateOrder());
    }
    if (req.type === 'LIMIT_MAKER' && marketable) return fail(errors.wouldTake());
    const depth = prices.depth(symbol);
    if (req.type === 'MARKET' && depth?.lt(req.spec.lotSize.minQty))
      return fail(errors.noLiquidity());
    const last = prices.get(symbol);
    const buying = req.side === 'BUY';
    const lockedAsset = buying ? req.spec.quoteAsset : req.spec.baseAsset;
    const toLock = buying ? quantity.mul(req.price ?? last) : quantity;
    if (!lock(account, lockedAsset, toLock)) return fail(errors.insufficientBalance());
    const now = state.clock();
    const order: SimOrder = {
      orderId: orders.nextOrderId(),
      apiKey: account.apiKey,
      symbol,
      clientOrderId: req.newClientOrderId ?? state.random.alphanumeric(22),
      side: req.side,
      type: req.type,
      timeInForce: req.timeInForce ?? 'GTC',
      price: req.price ?? ZERO,
      origQty: quantity,
      origQuoteOrderQty: req.quoteOrderQty ?? ZERO,
      time: now,
      executedQty: ZERO,
      cummulativeQuoteQty: ZERO,
      status: 'NEW',
      updateTime: now,
      locked: toLock,
      lockedAsset,
      ...req.extras,
    };
    orders.add(order);
    account.updateTime = now;
    const respType = req.respType;
    if (marketable) return ok({ order, fills: take(order, last), respType });
    if (order.timeInForce !== 'GTC') expireUnfilled(order);
    return ok({ order, fills: [], respType });
  }

  return {
    /** Validates size and filters only (POST /api/v3/order/test). */
    check: (req: NewOrderRequest): Outcome<true> => {
      const sized = size(req);
      return sized.ok ? ok(true) : sized;
    },
    place,
    /** Cancels an open order, releasing its locked funds. */
    cancel(order: SimOrder, cancelClientOrderId?: string): void {
      release(order, 'CANCELED');
      if (cancelClientOrderId !== undefined) order.cancelClientOrderId = cancelClientOrderId;
    },
    /** Ends an open order as the exchange would (admin). */
    expire(order: SimOrder): void {
      release(order, 'EXPIRED', 'EXCHANGE_CANCELED');
    },
    /** Fills `qty` of a resting order at its own price, as maker (admin). */
    fillResting(order: SimOrder, qty: Dec): Fill {
      return fill(order, qty, order.price, true);
    },
    /** Sets the last price and fills every resting order it crosses; returns their ids. */
    setPrice(symbol: string, price: Dec): number[] {
      prices.set(symbol, price);
      const crossed = orders
        .list({ symbol })
        .filter(isOpen)
        .filter((o) => (o.side === 'BUY' ? price.lte(o.price) : price.gte(o.price)));
      for (const order of crossed)
        fill(order, order.origQty.minus(order.executedQty), order.price, true);
      return crossed.map((o) => o.orderId);
    },
  };
}

export type MatchingEngine = ReturnType<typeof createMatchingEngine>;
