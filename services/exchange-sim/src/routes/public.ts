import type { Hono } from 'hono';
import { fmt8 } from '../decimal.js';
import { errors } from '../errors.js';
import { exchangeInfo } from '../exchange-info.js';
import { replyError } from '../reply.js';
import type { SimState } from '../state.js';
import type { SymbolSpec } from '../symbols.js';
import type { Outcome } from '../errors.js';
import { fail, ok } from '../errors.js';

/** `symbol=` or `symbols=["A","B"]` narrowed to listed symbols; -1121 for any unknown one. */
function selectSymbols(
  state: SimState,
  symbol: string | undefined,
  symbols: string | undefined,
): Outcome<SymbolSpec[]> {
  if (symbol === undefined && symbols === undefined) return ok([...state.symbols]);
  let names: unknown = [symbol];
  if (symbols !== undefined) {
    try {
      names = JSON.parse(symbols);
    } catch {
      return fail(errors.invalidParam('symbols'));
    }
  }
  if (!Array.isArray(names)) return fail(errors.invalidParam('symbols'));
  const picked: SymbolSpec[] = [];
  for (const name of names) {
    const spec = state.specs.get(String(name));
    if (spec === undefined) return fail(errors.badSymbol());
    picked.push(spec);
  }
  return ok(picked);
}

/** ping, time, exchangeInfo and ticker/price (security type NONE). */
export function publicRoutes(app: Hono, state: SimState): void {
  app.get('/api/v3/ping', (c) => c.json({}));
  app.get('/api/v3/time', (c) => c.json({ serverTime: state.clock() }));
  app.get('/api/v3/exchangeInfo', (c) => {
    const picked = selectSymbols(state, c.req.query('symbol'), c.req.query('symbols'));
    if (!picked.ok) return replyError(c, picked.error);
    return c.json(exchangeInfo(picked.value, state.rateLimiter.limits, state.clock()));
  });
  app.get('/api/v3/ticker/price', (c) => {
    const symbol = c.req.query('symbol');
    const picked = selectSymbols(state, symbol, c.req.query('symbols'));
    if (!picked.ok) return replyError(c, picked.error);
    const rows = picked.value.map((s) => ({
      symbol: s.symbol,
      price: fmt8(state.prices.get(s.symbol)),
    }));
    return c.json(symbol === undefined ? rows : rows[0]);
  });
}
