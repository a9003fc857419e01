import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { Logger } from '@livegate/runtime';
import { adminRoutes } from './admin/routes.js';
import { adminError } from './admin/respond.js';
import { errors } from './errors.js';
import { ADMIN_PREFIX, binanceGateway } from './gateway.js';
import { replyError } from './reply.js';
import type { Holds } from './holds.js';
import type { MatchingEngine } from './matching.js';
import { publicRoutes } from './routes/public.js';
import { tradeRoutes } from './routes/trade.js';
import { queryRoutes } from './routes/queries.js';
import type { SimState } from './state.js';
import type { WsHub } from './ws/hub.js';
import { wsRoutes } from './ws/routes.js';
import type { StreamRouter } from './ws/streams.js';

export interface AppProps {
  readonly state: SimState;
  readonly engine: MatchingEngine;
  readonly holds: Holds;
  readonly adminToken: string;
  readonly logger: Logger;
  readonly hub: WsHub;
  readonly router: StreamRouter;
}

/** The simulator's Hono app: Binance paths under /api, websockets, the admin API under /__sim. */
export function createApp({
  state,
  engine,
  holds,
  adminToken,
  logger,
  hub,
  router,
}: AppProps): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.use('*', binanceGateway(state, holds));
  const binance = new Hono();
  publicRoutes(binance, state);
  tradeRoutes(binance, state, engine);
  queryRoutes(binance, state);
  wsRoutes(binance, state, hub, router);
  app.route('/', binance);
  app.route(ADMIN_PREFIX, adminRoutes({ state, engine, adminToken, logger, hub, router }));
  app.notFound((c) =>
    c.req.path.startsWith(`${ADMIN_PREFIX}/`)
      ? adminError(c, 404, 'NOT_FOUND', `no admin route ${c.req.method} ${c.req.path}`)
      : replyError(c, errors.unsupportedOperation()),
  );
  return app;
}
