import { createAccounts } from './accounts.js';
import { createFaultQueue } from './faults.js';
import { createOrdersStore } from './orders-store.js';
import { createPriceBook } from './prices.js';
import { createRandom } from './random.js';
import { createRateLimiter, type SimLimits } from './rate-limits.js';
import { createRequestLog } from './request-log.js';
import type { SymbolSpec } from './symbols.js';

export interface SimStateProps {
  readonly symbols: readonly SymbolSpec[];
  readonly limits: SimLimits;
  readonly clock: () => number;
  readonly seed?: number;
}

/** Everything the simulator holds in memory; `reset()` empties it (order ids keep increasing). */
export function createSimState({ symbols, limits, clock, seed }: SimStateProps) {
  const specs = new Map(symbols.map((s) => [s.symbol, s]));
  const prices = createPriceBook(symbols);
  const accounts = createAccounts({ clock });
  const orders = createOrdersStore();
  const rateLimiter = createRateLimiter({ limits, clock });
  const faults = createFaultQueue();
  const requests = createRequestLog();
  const random = createRandom(seed);
  return {
    clock,
    symbols,
    specs,
    prices,
    accounts,
    orders,
    rateLimiter,
    faults,
    requests,
    random,
    reset(): void {
      prices.reset();
      accounts.clear();
      orders.clear();
      rateLimiter.reset();
      faults.clear();
      requests.clear();
    },
  };
}

export type SimState = ReturnType<typeof createSimState>;
