import type { Hono } from 'hono';
import { fmt8 } from '../decimal.js';
import { exchangeInfo } from '../exchange-info.js';
import { symbolParam } from '../order-request.js';
import { ENDPOINT_PARAMS } from '../param-names.js';
import { replyError } from '../reply.js';
import type { SimState } from '../state.js';
import { publicParams } from './signed.js';
import { selectSymbols, showPermissionSets } from './symbol-select.js';

/** ping, time, exchangeInfo, avgPrice and ticker/price (security type NONE). */
export function publicRoutes(app: Hono, state: SimState): void {
  app.get('/api/v3/ping', (c) => {
    const params = publicParams(c, ENDPOINT_PARAMS.ping);
    return params.ok ? c.json({}) : replyError(c, params.error);
  });
  app.get('/api/v3/time', (c) => {
    const params = publicParams(c, ENDPOINT_PARAMS.time);
    return params.ok ? c.json({ serverTime: state.clock() }) : replyError(c, params.error);
  });
  app.get('/api/v3/exchangeInfo', (c) => {
    const params = publicParams(c, ENDPOINT_PARAMS.exchangeInfo);
    if (!params.ok) return replyError(c, params.error);
    const shown = showPermissionSets(params.value);
    if (!shown.ok) return replyError(c, shown.error);
    const picked = selectSymbols(state.symbols, params.value);
    if (!picked.ok) return replyError(c, picked.error);
    const info = exchangeInfo(picked.value, state.rateLimiter.limits, state.clock());
    if (shown.value) return c.json(info);
    return c.json({ ...info, symbols: info.symbols.map((s) => ({ ...s, permissionSets: [] })) });
  });
  app.get('/api/v3/avgPrice', (c) => {
    const params = publicParams(c, ENDPOINT_PARAMS.avgPrice);
    if (!params.ok) return replyError(c, params.error);
    const spec = symbolParam(params.value, state.specs);
    if (!spec.ok) return replyError(c, spec.error);
    const avg = state.prices.average(spec.value.symbol);
    return c.json({ mins: avg.mins, price: fmt8(avg.price), closeTime: avg.closeTime });
  });
  app.get('/api/v3/ticker/price', (c) => {
    const params = publicParams(c, ENDPOINT_PARAMS.tickerPrice);
    if (!params.ok) return replyError(c, params.error);
    const picked = selectSymbols(state.symbols, params.value);
    if (!picked.ok) return replyError(c, picked.error);
    const rows = picked.value.map((s) => ({
      symbol: s.symbol,
      price: fmt8(state.prices.get(s.symbol)),
    }));
    return c.json(params.value.has('symbol') ? rows[0] : rows);
  });
}
