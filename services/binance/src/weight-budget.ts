/**
 * One request-weight and order-count budget per venue key and IP (issue 12). Every request asks
 * {@link WeightBudget.admit} first; the venue's own counts (the `X-MBX-USED-WEIGHT-1M` and
 * `X-MBX-ORDER-COUNT-10S` headers of every answer, ours or another instance's relayed over the bus)
 * raise our estimate, so weight spent by a client we never saw is counted too. Reads (the
 * reconciler) stop at `readShare` of the limit, execution at `orderShare`: orders go first. A 429 or
 * 418 with Retry-After stops every request until it has passed, so nothing here provokes a ban.
 */

/** Who is asking: execution (`orders`, placements and their pre-trade reads) or the reconciler (`reads`). */
export type BudgetClass = 'orders' | 'reads';

export interface WeightBudgetOptions {
  /** REQUEST_WEIGHT per minute of the venue (Binance spot: 6000). */
  readonly weightPerMinute: number;
  /** ORDERS per 10 seconds of the account (Binance spot: 100). */
  readonly ordersPer10s: number;
  /** Share of the weight limit reads may use (the rest is kept for orders). */
  readonly readShare: number;
  /** Share of the weight and order limits execution may use (the rest is a margin for clients we do not see). */
  readonly orderShare: number;
  readonly now: () => number;
}

export type Admission =
  | { readonly kind: 'go' }
  | {
      readonly kind: 'wait';
      /** How long until the request may be asked again. */
      readonly waitMs: number;
      readonly reason: 'stopped' | 'weight' | 'orders';
      readonly message: string;
    };

export interface VenueCounts {
  /** `X-MBX-USED-WEIGHT-1M`. */
  readonly usedWeight?: number | undefined;
  /** `X-MBX-ORDER-COUNT-10S`. */
  readonly orderCount10s?: number | undefined;
}

export interface BudgetSnapshot {
  readonly usedWeight: number;
  readonly orderCount10s: number;
  /** Epoch ms until which nothing is sent (after a 429 / 418), or 0. */
  readonly stoppedUntil: number;
}

export interface WeightBudget {
  /** Takes `weight` (and one order when `order`) if the class's share allows it, else says how long to wait. */
  admit(budgetClass: BudgetClass, weight: number, order?: boolean): Admission;
  /** Same answer as admit, nothing taken. */
  peek(budgetClass: BudgetClass, weight: number, order?: boolean): Admission;
  /** The venue's counts from an answer's headers: never lowers our estimate within a window. */
  observe(counts: VenueCounts): void;
  /** Nothing is sent before `untilMs` (a 429 / 418 Retry-After). */
  stopUntil(untilMs: number): void;
  snapshot(): BudgetSnapshot;
}

/** Binance spot's limits (REQUEST_WEIGHT 6,000/min per IP, ORDERS 100/10 s per account) and our default shares. */
export const BINANCE_SPOT_BUDGET = {
  weightPerMinute: 6_000,
  ordersPer10s: 100,
  readShare: 0.5,
  orderShare: 0.9,
} as const;

const MINUTE = 60_000;
const TEN_SECONDS = 10_000;

interface Window {
  index: number;
  count: number;
}

export function createWeightBudget(options: WeightBudgetOptions): WeightBudget {
  const { now } = options;
  const weight: Window = { index: -1, count: 0 };
  const orders: Window = { index: -1, count: 0 };
  let stoppedUntil = 0;

  const roll = (w: Window, length: number, at: number): Window => {
    const index = Math.floor(at / length);
    if (w.index !== index) {
      w.index = index;
      w.count = 0;
    }
    return w;
  };
  const untilNext = (length: number, at: number) => (Math.floor(at / length) + 1) * length - at;

  function check(budgetClass: BudgetClass, cost: number, order: boolean): Admission {
    const at = now();
    if (at < stoppedUntil) {
      return {
        kind: 'wait',
        waitMs: stoppedUntil - at,
        reason: 'stopped',
        message: `the venue asked us to stop until ${new Date(stoppedUntil).toISOString()} (429/418 Retry-After); nothing was sent`,
      };
    }
    const share = budgetClass === 'orders' ? options.orderShare : options.readShare;
    const weightCap = Math.floor(options.weightPerMinute * share);
    const used = roll(weight, MINUTE, at).count;
    if (used + cost > weightCap) {
      return {
        kind: 'wait',
        waitMs: untilNext(MINUTE, at),
        reason: 'weight',
        message: `request weight budget of ${budgetClass} used (${used} + ${cost} > ${weightCap} of ${options.weightPerMinute}/min); nothing was sent`,
      };
    }
    const orderCap = Math.floor(options.ordersPer10s * options.orderShare);
    const placed = roll(orders, TEN_SECONDS, at).count;
    if (order && placed + 1 > orderCap) {
      return {
        kind: 'wait',
        waitMs: untilNext(TEN_SECONDS, at),
        reason: 'orders',
        message: `order count budget used (${placed} of ${orderCap} per 10 s); nothing was sent`,
      };
    }
    return { kind: 'go' };
  }

  return {
    peek: (budgetClass, cost, order = false) => check(budgetClass, cost, order),
    admit(budgetClass, cost, order = false) {
      const answer = check(budgetClass, cost, order);
      if (answer.kind === 'go') {
        weight.count += cost;
        if (order) orders.count += 1;
      }
      return answer;
    },
    observe({ usedWeight, orderCount10s }) {
      const at = now();
      if (usedWeight !== undefined) {
        const w = roll(weight, MINUTE, at);
        w.count = Math.max(w.count, usedWeight);
      }
      if (orderCount10s !== undefined) {
        const o = roll(orders, TEN_SECONDS, at);
        o.count = Math.max(o.count, orderCount10s);
      }
    },
    stopUntil(untilMs) {
      stoppedUntil = Math.max(stoppedUntil, untilMs);
    },
    snapshot() {
      const at = now();
      return {
        usedWeight: roll(weight, MINUTE, at).count,
        orderCount10s: roll(orders, TEN_SECONDS, at).count,
        stoppedUntil: at < stoppedUntil ? stoppedUntil : 0,
      };
    },
  };
}

/** REQUEST_WEIGHT of each adapter call, by its label (BINANCE.md §2; the simulator's weights.ts agrees). */
export const CALL_WEIGHTS: Readonly<Record<string, number>> = {
  order: 1,
  cancelOrder: 1,
  cancelOpenOrders: 1,
  time: 1,
  avgPrice: 2,
  tickerPrice: 2,
  getOrder: 4,
  openOrders: 6,
  'openOrders(all)': 80,
  myTrades: 5,
  'myTrades(symbol)': 20,
  allOrders: 20,
  account: 20,
  exchangeInfo: 20,
};

/** The weight of a call by label; an unknown label is charged the heaviest symbol-wide read (20). */
export function weightOfCall(label: string): number {
  return CALL_WEIGHTS[label] ?? 20;
}
