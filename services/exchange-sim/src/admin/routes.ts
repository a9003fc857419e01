import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Logger } from '@livegate/runtime';
import { credit } from '../accounts.js';
import { Dec } from '../decimal.js';
import type { SimState } from '../state.js';
import { adminError, parseBody } from './respond.js';
import {
  createAccountBodySchema,
  faultSpecSchema,
  fundBodySchema,
  liquidityBodySchema,
  priceBodySchema,
  type SimCredentials,
} from './schemas.js';
import { simAccountView, simOrderView } from './views.js';
import { bookRoutes } from './book-routes.js';
import { orderActionRoutes } from './order-actions.js';
import { wsAdminRoutes } from './ws-routes.js';
import type { WsHub } from '../ws/hub.js';
import type { StreamRouter } from '../ws/streams.js';
import type { MatchingEngine } from '../matching.js';

export const ADMIN_TOKEN_HEADER = 'x-sim-admin-token';
export const DEFAULT_COMMISSION = '0.001';

function tokenMatches(expected: string, sent: string | undefined): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(sent ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface AdminRoutesProps {
  readonly state: SimState;
  readonly engine: MatchingEngine;
  readonly adminToken: string;
  readonly logger: Logger;
  readonly hub: WsHub;
  readonly router: StreamRouter;
}

/** The `/__sim/*` admin API (token in `x-sim-admin-token`); never on a Binance path. */
export function adminRoutes({
  state,
  engine,
  adminToken,
  logger,
  hub,
  router,
}: AdminRoutesProps): Hono {
  const admin = new Hono();
  admin.use('*', async function requireToken(c, next) {
    if (!tokenMatches(adminToken, c.req.header(ADMIN_TOKEN_HEADER))) {
      return adminError(c, 401, 'UNAUTHORIZED', `missing or wrong ${ADMIN_TOKEN_HEADER} header`);
    }
    await next();
  });

  admin.post('/accounts', async (c) => {
    const body = await parseBody(c, createAccountBodySchema);
    if (!body.ok) return body.response;
    const { apiKey, apiSecret, balances, makerCommission, takerCommission } = body.value;
    if (apiKey !== undefined && state.accounts.get(apiKey) !== undefined) {
      return adminError(c, 409, 'ACCOUNT_EXISTS', 'an account already has this API key');
    }
    const account = state.accounts.create({
      apiKey: apiKey ?? state.random.alphanumeric(64),
      apiSecret: apiSecret ?? state.random.alphanumeric(64),
      balances: balances ?? {},
      makerRate: makerCommission ?? DEFAULT_COMMISSION,
      takerRate: takerCommission ?? DEFAULT_COMMISSION,
    });
    logger.debug({ uid: account.uid }, 'account created');
    return c.json({
      apiKey: account.apiKey,
      apiSecret: account.apiSecret,
    } satisfies SimCredentials);
  });

  admin.get('/accounts/:apiKey', (c) => {
    const account = state.accounts.get(c.req.param('apiKey'));
    if (account === undefined)
      return adminError(c, 404, 'UNKNOWN_ACCOUNT', 'no account has this API key');
    return c.json(simAccountView(account));
  });

  admin.post('/fund', async (c) => {
    const body = await parseBody(c, fundBodySchema);
    if (!body.ok) return body.response;
    const account = state.accounts.get(body.value.apiKey);
    if (account === undefined)
      return adminError(c, 404, 'UNKNOWN_ACCOUNT', 'no account has this API key');
    const delta = new Dec(body.value.amount);
    if (!credit(account, body.value.asset, delta)) {
      return adminError(c, 409, 'NEGATIVE_BALANCE', 'the free balance would go below zero');
    }
    const time = (account.updateTime = state.clock());
    const { apiKey, asset } = body.value;
    state.events.emit({ type: 'balance', apiKey, asset, delta, time });
    state.events.emit({ type: 'account', apiKey, assets: [asset], time });
    return c.json(simAccountView(account));
  });

  admin.get('/prices', (c) =>
    c.json(
      Object.fromEntries(
        state.prices.entries().map(([symbol, price]) => [symbol, price.toString()]),
      ),
    ),
  );

  admin.post('/price', async (c) => {
    const body = await parseBody(c, priceBodySchema);
    if (!body.ok) return body.response;
    if (!state.specs.has(body.value.symbol))
      return adminError(c, 404, 'UNKNOWN_SYMBOL', 'the symbol is not listed');
    const filled = engine.setPrice(body.value.symbol, new Dec(body.value.price));
    return c.json({ symbol: body.value.symbol, price: body.value.price, filledOrderIds: filled });
  });

  admin.post('/liquidity', async (c) => {
    const body = await parseBody(c, liquidityBodySchema);
    if (!body.ok) return body.response;
    const { symbol, maxQty } = body.value;
    if (!state.specs.has(symbol))
      return adminError(c, 404, 'UNKNOWN_SYMBOL', 'the symbol is not listed');
    state.prices.setDepth(symbol, maxQty === null ? undefined : new Dec(maxQty));
    return c.json({ symbol, maxQty });
  });

  admin.get('/orders', (c) => {
    const apiKey = c.req.query('apiKey');
    return c.json(state.orders.list(apiKey === undefined ? {} : { apiKey }).map(simOrderView));
  });

  orderActionRoutes(admin, state, engine);
  bookRoutes(admin, state);
  wsAdminRoutes(admin, hub, router);

  admin.get('/requests', (c) => c.json(state.requests.list(c.req.query('apiKey'))));

  admin.get('/faults', (c) => c.json(state.faults.list()));
  admin.post('/faults', async (c) => {
    const body = await parseBody(c, faultSpecSchema);
    if (!body.ok) return body.response;
    const fault = state.faults.add(body.value);
    logger.info({ fault }, 'fault injected');
    return c.json(fault);
  });
  admin.delete('/faults', (c) => {
    state.faults.clear();
    return c.json({});
  });

  admin.post('/reset', (c) => {
    state.reset();
    return c.json({});
  });
  return admin;
}
