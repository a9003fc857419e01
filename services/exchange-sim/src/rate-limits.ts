import { errors, fail, ok, type ApiError, type Outcome } from './errors.js';

/** Limits the simulator enforces; tests lower them to trigger 429 / 418 / -1015. */
export interface SimLimits {
  /** REQUEST_WEIGHT per minute (Binance: 6000). */
  readonly requestWeightPerMinute: number;
  /** ORDERS per 10 seconds, per account (Binance example: 100). */
  readonly ordersPer10s: number;
  /** ORDERS per UTC day, per account (Binance example: 200000). */
  readonly ordersPerDay: number;
  /** Weight-limit 429s answered within one minute before the IP is banned with 418. */
  readonly banAfter429s: number;
  /** How long a 418 ban lasts (Binance: 2 minutes to 3 days). */
  readonly banMs: number;
}

export const DEFAULT_LIMITS: SimLimits = {
  requestWeightPerMinute: 6000,
  ordersPer10s: 100,
  ordersPerDay: 200_000,
  banAfter429s: 3,
  banMs: 120_000,
};

const MINUTE = 60_000;
const TEN_SECONDS = 10_000;
const DAY = 86_400_000;

export interface OrderCounts {
  readonly tenSeconds: number;
  readonly day: number;
}

interface Counter {
  window: number;
  count: number;
}

const secondsUntil = (endMs: number, now: number) => Math.max(1, Math.ceil((endMs - now) / 1000));

function current(counter: Counter, window: number): Counter {
  if (counter.window !== window) {
    counter.window = window;
    counter.count = 0;
  }
  return counter;
}

/** Request-weight (per IP; the simulator sees one IP) and unfilled-order counts (per account). */
export function createRateLimiter({ limits, clock }: { limits: SimLimits; clock: () => number }) {
  const weight: Counter = { window: -1, count: 0 };
  const strikes: Counter = { window: -1, count: 0 };
  let bannedUntil = 0;
  const orders = new Map<string, { tenSeconds: Counter; day: Counter }>();

  const ordersOf = (apiKey: string) => {
    let entry = orders.get(apiKey);
    if (entry === undefined) {
      entry = { tenSeconds: { window: -1, count: 0 }, day: { window: -1, count: 0 } };
      orders.set(apiKey, entry);
    }
    return entry;
  };

  const banError = (now: number): ApiError =>
    errors.banned(bannedUntil, secondsUntil(bannedUntil, now));

  return {
    limits,
    /** Weight used in the current minute. */
    usedWeight(): number {
      return current(weight, Math.floor(clock() / MINUTE)).count;
    },
    /** 418 while a ban lasts. */
    checkBan(): ApiError | undefined {
      const now = clock();
      return now < bannedUntil ? banError(now) : undefined;
    },
    /** Adds a request's weight; 429 past the limit, then 418 after repeated 429s. */
    admitRequest(requestWeight: number): Outcome<number> {
      const now = clock();
      const minute = Math.floor(now / MINUTE);
      const used = current(weight, minute);
      used.count += requestWeight;
      if (used.count <= limits.requestWeightPerMinute) return ok(used.count);
      const strike = current(strikes, minute);
      strike.count += 1;
      if (strike.count > limits.banAfter429s) {
        bannedUntil = now + limits.banMs;
        return fail(banError(now));
      }
      return fail(
        errors.tooMuchWeight(
          limits.requestWeightPerMinute,
          secondsUntil((minute + 1) * MINUTE, now),
        ),
      );
    },
    /** Counts a new order for the account; -1015 (429) when a window is full. */
    admitOrder(apiKey: string): Outcome<OrderCounts> {
      const now = clock();
      const entry = ordersOf(apiKey);
      const tenWindow = Math.floor(now / TEN_SECONDS);
      const dayWindow = Math.floor(now / DAY);
      const ten = current(entry.tenSeconds, tenWindow);
      const day = current(entry.day, dayWindow);
      if (ten.count >= limits.ordersPer10s) {
        return fail(
          errors.tooManyOrders(
            limits.ordersPer10s,
            '10 SECOND',
            secondsUntil((tenWindow + 1) * TEN_SECONDS, now),
          ),
        );
      }
      if (day.count >= limits.ordersPerDay) {
        return fail(
          errors.tooManyOrders(
            limits.ordersPerDay,
            '1 DAY',
            secondsUntil((dayWindow + 1) * DAY, now),
          ),
        );
      }
      ten.count += 1;
      day.count += 1;
      return ok({ tenSeconds: ten.count, day: day.count });
    },
    /** Current unfilled-order counts of an account. */
    orderCounts(apiKey: string): OrderCounts {
      const now = clock();
      const entry = ordersOf(apiKey);
      return {
        tenSeconds: current(entry.tenSeconds, Math.floor(now / TEN_SECONDS)).count,
        day: current(entry.day, Math.floor(now / DAY)).count,
      };
    },
    /** An order's first fill gives one unit back (never below zero), as Binance does. */
    orderFilled(apiKey: string): void {
      const entry = ordersOf(apiKey);
      entry.tenSeconds.count = Math.max(0, entry.tenSeconds.count - 1);
      entry.day.count = Math.max(0, entry.day.count - 1);
    },
    reset(): void {
      weight.count = 0;
      strikes.count = 0;
      bannedUntil = 0;
      orders.clear();
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
