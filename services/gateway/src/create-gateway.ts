import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serve } from '@hono/node-server';
import type { Logger } from '@livegate/runtime';
import { WebSocketServer } from 'ws';
import { createClientAddress } from './auth/client-address.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import type { Db } from './auth/operators.repository.js';
import type { GatewayEnv } from './auth/principal.js';
import { findActiveSessionById } from './auth/sessions.repository.js';
import { createArmingClient } from './bus/arming-client.js';
import type { GatewayBus } from './bus/gateway-bus.js';
import type { GatewayConfig } from './config.js';
import { createAuditWriter } from './http/audit-writer.js';
import { errorHandler, notFound, validationHook } from './http/error-handling.js';
import { createMetrics } from './http/metrics.js';
import { createRefusalAudit } from './http/refusal-audit.js';
import { requestLog } from './http/request-log.js';
import { registerArmingRoutes } from './routes/arming.routes.js';
import { registerAuditRoutes } from './routes/audit.routes.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import type { GatewayApp, RouteDeps } from './routes/deps.js';
import { registerDocsRoutes } from './routes/docs.routes.js';
import { registerHealthRoutes } from './routes/health.routes.js';
import { registerCancelReadRoutes } from './routes/cancel-reads.routes.js';
import { registerOrderCancelRoutes } from './routes/order-cancel.routes.js';
import { registerOrderRoutes } from './routes/orders.routes.js';
import { registerReconcileRoutes } from './routes/reconcile.routes.js';
import { registerMoneyRoutes } from './routes/money.routes.js';
import { registerRiskRoutes } from './routes/risk.routes.js';
import { registerWsRoute } from './routes/ws.routes.js';
import { startFeed } from './ws/feed.js';
import { createHub } from './ws/hub.js';
import { startMoneyNotices } from './ws/money-notices.js';

export interface CreateGatewayProps {
  readonly db: Db;
  readonly bus: GatewayBus;
  readonly config: GatewayConfig;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** How long /readyz waits for NATS and the database. */
  readonly readinessTimeoutMs?: number;
  /** How a slowed sign-in waits (default: a timer). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RunningGateway {
  /** `http://host:port` the server listens on. */
  readonly url: string;
  readonly port: number;
  /** Stops the event feed, closes every websocket, then the server. */
  close(): Promise<void>;
}

export interface Gateway {
  /** The Hono app: `app.request(...)` serves HTTP in-process (no websockets). */
  readonly app: GatewayApp;
  /** Starts the event feed, then serves HTTP and websockets on config.host:config.port (port 0: any). */
  listen(): Promise<RunningGateway>;
}

/** The gateway: HTTP API, OpenAPI document and docs page, websocket fan-out of bus events. */
export function createGateway({
  db,
  bus,
  config,
  logger,
  clock = () => new Date(),
  readinessTimeoutMs = 2_000,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}: CreateGatewayProps): Gateway {
  const metrics = createMetrics();
  const audit = createAuditWriter({ db, bus, logger });
  const hub = createHub({ maxBufferedBytes: config.wsMaxBufferedBytes, metrics, logger });
  const refusals = createRefusalAudit({
    db,
    audit,
    clock,
    logger,
    metrics,
    ...config.refusalAudit,
  });
  const clientAddress = createClientAddress(config.proxySecret);
  const deps: RouteDeps = {
    db,
    bus,
    config,
    logger,
    clock,
    audit,
    refusals,
    metrics,
    readinessTimeoutMs,
    arming: createArmingClient({ bus, timeoutMs: config.armingTimeoutMs, logger }),
    guard: {
      db,
      clock,
      allowedOrigins: config.allowedOrigins,
      noise: (reason) => metrics.unauthenticated.inc({ reason }),
    },
    clientAddress,
    loginThrottle: createLoginThrottle({
      db,
      clock,
      ...config.loginThrottle,
      slowdown: config.loginSlowdown,
    }),
    sleep,
    onSessionEnded: (sessionId) => hub.closeSession(sessionId, 'signed out'),
  };

  const app: GatewayApp = new OpenAPIHono<GatewayEnv>({ defaultHook: validationHook });
  app.use('*', requestLog({ logger, metrics }));
  app.use('/api/*', async function noStore(c, next) {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.onError(errorHandler({ audit, logger, metrics, refusals, clientAddress }));
  app.notFound(notFound);
  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerArmingRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerOrderCancelRoutes(app, deps);
  registerCancelReadRoutes(app, deps);
  registerOrderRoutes(app, deps);
  registerReconcileRoutes(app, deps);
  registerRiskRoutes(app, deps);
  registerMoneyRoutes(app, deps);
  registerWsRoute(app, { ...deps, hub });
  registerDocsRoutes(app);

  /**
   * One session check at a time: behind a slow database the beats would otherwise pile checks up,
   * and pings do not wait for them (a ping sent right after another would end a healthy client).
   */
  let sweeping = false;
  async function sweepSessions(now: Date): Promise<void> {
    if (sweeping) return;
    sweeping = true;
    for (const sessionId of hub.sessions()) {
      const active = await findActiveSessionById(db, sessionId, now).catch(
        () => 'unknown' as const,
      );
      if (active === undefined) hub.closeSession(sessionId, 'session ended');
    }
    sweeping = false;
  }

  return {
    app,
    async listen() {
      const money = startMoneyNotices({ bus, logger, broadcast: (frame) => hub.broadcast(frame) });
      const feed = await startFeed({ bus, logger, emit: money.forward }).catch((err: unknown) => {
        money.stop();
        throw err;
      });
      const wss = new WebSocketServer({ noServer: true });
      const server = serve({
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        websocket: { server: wss },
      }) as Server;
      await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', reject);
      }).catch(async (err: unknown) => {
        money.stop();
        await feed.stop();
        throw err;
      });
      const heartbeat = setInterval(() => {
        const now = clock();
        hub.heartbeat(now);
        void sweepSessions(now);
        void refusals.flush();
      }, config.wsHeartbeatMs);
      const { port } = server.address() as AddressInfo;
      logger.info({ host: config.host, port }, 'gateway listening');
      return {
        url: `http://${config.host}:${port}`,
        port,
        async close() {
          clearInterval(heartbeat);
          await refusals.flush();
          money.stop();
          await feed.stop();
          hub.closeAll();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
        },
      };
    },
  };
}
