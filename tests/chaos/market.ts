import type { SimAdmin } from '../../services/exchange-sim/src/index.js';
import { fixed, MARKETS } from './intents.js';
import type { Rng } from './rng.js';

export interface Market {
  /** Last prices in cents, by symbol (what new intents are priced against). */
  readonly prices: ReadonlyMap<string, number>;
  /** Stops moving prices (before the final reconcile: nothing may change under the checks). */
  stop(): Promise<void>;
}

/**
 * Moves every price by up to ±0.4 % every `everyMs`, pulled back towards its start (so resting
 * orders 0.2–0.8 % away fill over time and the book does not drift away from them).
 */
export function startMarket(admin: SimAdmin, rng: Rng, everyMs = 500): Market {
  const prices = new Map(MARKETS.map((m) => [m.symbol, m.startCents]));
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, everyMs));
      for (const m of MARKETS) {
        if (stopped) break;
        const cents = prices.get(m.symbol) ?? m.startCents;
        const step = Math.round((cents * rng.int(-40, 40)) / 10_000);
        const pull = Math.round((m.startCents - cents) / 5);
        const next = Math.max(1, cents + step + pull);
        await admin.setPrice({ symbol: m.symbol, price: fixed(next, 2) }).catch(() => {});
        prices.set(m.symbol, next);
      }
    }
  })();
  return {
    prices,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
