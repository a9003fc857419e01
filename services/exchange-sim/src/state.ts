import { createAccounts } from './accounts.js';
import { createSimEvents } from './events.js';
import { createFaultQueue } from './faults.js';
import { createOrdersStore } from './orders-store.js';
import { createPriceBook } from './prices.js';
import { createRandom } from './random.js';
import { createRateLimiter, type SimLimits } from './rate-limits.js';
import { createSyntheticDepth } from './synthetic-depth.js';
import { createRequestLog } from './request-log.js';
import type { SimStartState } from './start-state.js';
import type { SymbolSpec } from './symbols.js';

export interface SimStateProps {
  readonly symbols: readonly SymbolSpec[];
  readonly limits: SimLimits;
  readonly clock: () => number;
  readonly seed?: number;
  /** Accounts and prices the simulator starts with and returns to on `reset()`. */
  readonly start?: SimStartState;
}

/**
 * Everything the simulator holds in memory; `reset()` returns it to the start state (the start
 * accounts with their start balances, the start prices) and empties the rest (order ids keep
 * increasing).
 */
export function createSimState({
  symbols,
  limits,
  clock,
  seed,
  start = { accounts: [], prices: {} },
}: SimStateProps) {
  const specs = new Map(symbols.map((s) => [s.symbol, s]));
  const prices = createPriceBook(symbols, start.prices, clock);
  const depth = createSyntheticDepth(symbols);
  const accounts = createAccounts({ clock });
  const createStartAccounts = () => {
    for (const a of start.accounts) {
      accounts.create({
        apiKey: a.apiKey,
        apiSecret: a.apiSecret,
        balances: a.balances,
        makerRate: a.makerCommission,
        takerRate: a.takerCommission,
      });
    }
  };
  createStartAccounts();
  const orders = createOrdersStore();
  const rateLimiter = createRateLimiter({ limits, clock });
  const faults = createFaultQueue();
  const requests = createRequestLog();
  const random = createRandom(seed);
  const events = createSimEvents();
  return {
    clock,
    symbols,
    specs,
    prices,
    depth,
    accounts,
    orders,
    rateLimiter,
    faults,
    requests,
    random,
    events,
    reset(): void {
      prices.reset();
      depth.reset();
      accounts.clear();
      createStartAccounts();
      orders.clear();
      rateLimiter.reset();
      faults.clear();
      requests.clear();
    },
  };
}

export type SimState = ReturnType<typeof createSimState>;
