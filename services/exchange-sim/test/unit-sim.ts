import { createMatchingEngine } from '../src/matching.js';
import { parseNewOrder } from '../src/order-request.js';
import { DEFAULT_LIMITS } from '../src/rate-limits.js';
import { createSimState } from '../src/state.js';
import { DEFAULT_SYMBOLS, type SymbolSpec } from '../src/symbols.js';

/** An in-memory simulator state, engine and one funded account, on a clock the test moves. */
export function unitSim({
  balances = { USDT: '100000', BTC: '2', ETH: '10' },
  makerRate = '0.001',
  takerRate = '0.002',
  symbols = DEFAULT_SYMBOLS,
}: {
  balances?: Record<string, string>;
  makerRate?: string;
  takerRate?: string;
  symbols?: readonly SymbolSpec[];
} = {}) {
  const time = { now: 1_700_000_000_000 };
  const state = createSimState({ symbols, limits: DEFAULT_LIMITS, clock: () => time.now, seed: 7 });
  const engine = createMatchingEngine(state);
  const account = state.accounts.create({
    apiKey: 'KEY1',
    apiSecret: 'S1',
    balances,
    makerRate,
    takerRate,
  });
  const request = (params: Record<string, string>) => {
    const parsed = parseNewOrder(
      new Map(Object.entries({ symbol: 'BTCUSDT', ...params })),
      state.specs,
    );
    if (!parsed.ok) throw new Error(parsed.error.msg);
    return parsed.value;
  };
  const place = (params: Record<string, string>) => engine.place(account, request(params));
  const placed = (params: Record<string, string>) => {
    const result = place(params);
    if (!result.ok) throw new Error(result.error.msg);
    return result.value;
  };
  const balance = (asset: string) => {
    const b = account.balances.get(asset);
    return { free: b?.free.toString(), locked: b?.locked.toString() };
  };
  return { time, state, engine, account, request, place, placed, balance };
}
