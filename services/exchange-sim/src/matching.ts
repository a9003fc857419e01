import { lock, unlock, type SimAccount } from './accounts.js';
import { takerLiquidity } from './book.js';
import { Dec, floorToStep, ZERO } from './decimal.js';
import { createEngineJournal } from './engine-journal.js';
import { errors, fail, ok, type Outcome } from './errors.js';
import { executeFill, type Fill } from './fills.js';
import { checkFilters } from './filters.js';
import type { NewOrderRequest, RespType } from './order-request.js';
import {
  isOpen,
  remainingOf,
  unfilledReason,
  type ExpiryReason,
  type SimOrder,
} from './orders-store.js';
import type { SimState } from './state.js';
import type { SymbolSpec } from './symbols.js';
import { planTake, takeLiquidity, type PreventedMatch, type TakerSteps } from './taker.js';

export interface Placement {
  readonly order: SimOrder;
  readonly fills: readonly Fill[];
  /** Self-trades the placement prevented (the answer's `preventedMatches`). */
  readonly prevented: readonly PreventedMatch[];
  /** The answer shape the request asked for (or its type's default). */
  readonly respType: RespType;
}

/**
 * An order book per symbol: the open orders of every account plus synthetic levels around the
 * last price (state.depth). A taker walks the other side best price first (several fills at
 * several prices), with self-trade prevention per its mode; the last fill price becomes the last
 * price. Resting orders also fill, at their own price as maker, when an admin or random-walk
 * price move crosses them.
 */
export function createMatchingEngine(state: SimState) {
  const { prices, orders, rateLimiter } = state;
  const accountOf = (order: SimOrder) => state.accounts.get(order.apiKey) as SimAccount;
  const journal = createEngineJournal(state);
  /** Runs one engine operation, then tells the streams which balances and books it changed. */
  const operation = <T>(run: () => T): T => {
    const result = run();
    journal.flush();
    return result;
  };

  const steps: TakerSteps = {
    fill(order, qty, price, isMaker, tradeId) {
      const firstFill = order.executedQty.isZero();
      const done = executeFill({
        account: accountOf(order),
        spec: state.specs.get(order.symbol) as SymbolSpec,
        order,
        qty,
        price,
        isMaker,
        store: orders,
        now: state.clock(),
        ...(tradeId === undefined ? {} : { tradeId }),
      });
      if (firstFill) rateLimiter.orderFilled(order.apiKey);
      if (!isOpen(order)) releaseLeftover(order);
      journal.order(order, 'TRADE', { fill: { ...done, isMaker } });
      // a match prints once, on its taker side; a fill with no taker prints on its own
      if (!isMaker || tradeId === undefined)
        journal.trade(order.symbol, done.tradeId, price, qty, (order.side === 'BUY') === isMaker);
      return done;
    },
    prevent(order, qty, preventedMatchId, counterOrderId) {
      const share = qty.eq(remainingOf(order))
        ? order.locked
        : order.locked.mul(qty).div(remainingOf(order));
      // A MARKET buy's lock is its planned cost: what it does not spend goes back at the end.
      if (order.type !== 'MARKET') unlockShare(order, share);
      order.preventedQty = order.preventedQty.plus(qty);
      order.preventedMatchId = preventedMatchId;
      order.updateTime = state.clock();
      if (remainingOf(order).isZero()) {
        order.status = 'EXPIRED_IN_MATCH';
        releaseLeftover(order);
      }
      journal.order(order, 'TRADE_PREVENTION', {
        prevented: { qty, preventedMatchId, counterOrderId },
      });
    },
  };

  function unlockShare(order: SimOrder, share: Dec): void {
    unlock(accountOf(order), order.lockedAsset, share);
    order.locked = order.locked.minus(share);
  }
  const releaseLeftover = (order: SimOrder) => unlockShare(order, order.locked);

  function release(order: SimOrder, status: 'CANCELED' | 'EXPIRED', reason?: ExpiryReason): void {
    releaseLeftover(order);
    order.locked = ZERO;
    order.status = status;
    order.updateTime = state.clock();
    if (reason !== undefined) order.expiryReason = reason;
    journal.order(order, status);
  }

  /** A taker order's unfilled rest expiring by its own rules (FOK, IOC, MARKET out of liquidity). */
  const expireUnfilled = (order: SimOrder) => release(order, 'EXPIRED', unfilledReason(order));

  /** Quantity (from quoteOrderQty for MARKET, at the last price) and the filters; also /order/test. */
  function size(req: NewOrderRequest): Outcome<Dec> {
    const last = prices.get(req.spec.symbol);
    const quantity =
      req.quantity ??
      floorToStep((req.quoteOrderQty as Dec).div(last), new Dec(req.spec.lotSize.stepSize));
    const price = req.price;
    const refused = checkFilters(req.spec, {
      type: req.type,
      quantity,
      notional: req.quoteOrderQty ?? quantity.mul(price ?? last),
      ...(price ? { price } : {}),
      band: { side: req.side, average: prices.average(req.spec.symbol).price },
    });
    return refused === undefined ? ok(quantity) : fail(refused);
  }

  /** The matching-engine refusals (-2010 / MAX_NUM_ORDERS) and the funds to lock. */
  function admit(account: SimAccount, req: NewOrderRequest, quantity: Dec): Outcome<Dec> {
    const symbol = req.spec.symbol;
    const open = orders.list({ apiKey: account.apiKey, symbol }).filter(isOpen);
    if (open.length >= req.spec.maxNumOrders) return fail(errors.filter('MAX_NUM_ORDERS'));
    if (
      req.newClientOrderId !== undefined &&
      open.some((o) => o.clientOrderId === req.newClientOrderId)
    )
      return fail(errors.duplicateOrder());
    const entries = takerLiquidity(state, symbol, req.side, req.price);
    if (req.type === 'LIMIT_MAKER' && entries.length > 0) return fail(errors.wouldTake());
    const plan = planTake(entries, {
      apiKey: account.apiKey,
      stpMode: req.stpMode,
      qty: quantity,
      cap: prices.depth(symbol),
    });
    if (req.type === 'MARKET' && plan.qty.lt(req.spec.lotSize.minQty))
      return fail(errors.noLiquidity());
    if (req.side === 'SELL') return ok(quantity);
    return ok(req.price === undefined ? plan.cost : quantity.mul(req.price));
  }

  function placeOrder(account: SimAccount, req: NewOrderRequest): Outcome<Placement> {
    const sized = size(req);
    if (!sized.ok) return sized;
    const quantity = sized.value;
    const admitted = admit(account, req, quantity);
    if (!admitted.ok) return admitted;
    const lockedAsset = req.side === 'BUY' ? req.spec.quoteAsset : req.spec.baseAsset;
    if (!lock(account, lockedAsset, admitted.value)) return fail(errors.insufficientBalance());
    const now = state.clock();
    const order: SimOrder = {
      orderId: orders.nextOrderId(),
      apiKey: account.apiKey,
      symbol: req.spec.symbol,
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
      locked: admitted.value,
      lockedAsset,
      selfTradePreventionMode: req.stpMode,
      preventedQty: ZERO,
      ...(req.icebergQty === undefined ? {} : { icebergQty: req.icebergQty }),
      ...req.extras,
    };
    orders.add(order);
    account.updateTime = now;
    journal.order(order, 'NEW');
    const { fills, prevented } = takeLiquidity(state, steps, order);
    const lastFill = fills.at(-1);
    if (lastFill !== undefined) prices.set(order.symbol, lastFill.price);
    if (isOpen(order) && (order.type === 'MARKET' || order.timeInForce !== 'GTC'))
      expireUnfilled(order);
    return ok({ order, fills, prevented, respType: req.respType });
  }

  return {
    /** Validates size and filters only (POST /api/v3/order/test). */
    check: (req: NewOrderRequest): Outcome<true> => {
      const sized = size(req);
      return sized.ok ? ok(true) : sized;
    },
    place: (account: SimAccount, req: NewOrderRequest) => operation(() => placeOrder(account, req)),
    /** Cancels an open order (under the cancel's own client id), releasing its locked funds. */
    cancel(order: SimOrder, cancelClientOrderId: string): void {
      operation(() => {
        order.cancelClientOrderId = cancelClientOrderId;
        release(order, 'CANCELED');
      });
    },
    /** Ends an open order as the exchange would (admin). */
    expire(order: SimOrder): void {
      operation(() => release(order, 'EXPIRED', 'EXCHANGE_CANCELED'));
    },
    /** Fills `qty` of a resting order at its own price, as maker (admin). */
    fillResting(order: SimOrder, qty: Dec): Fill {
      return operation(() => steps.fill(order, qty, order.price, true));
    },
    /** Sets the last price and fills every resting order it crosses; returns their ids. */
    setPrice(symbol: string, price: Dec): number[] {
      return operation(() => {
        prices.set(symbol, price);
        journal.book(symbol);
        const crossed = orders
          .list({ symbol })
          .filter(isOpen)
          .filter((o) => (o.side === 'BUY' ? price.lte(o.price) : price.gte(o.price)));
        for (const order of crossed) steps.fill(order, remainingOf(order), order.price, true);
        return crossed.map((o) => o.orderId);
      });
    },
  };
}

export type MatchingEngine = ReturnType<typeof createMatchingEngine>;
