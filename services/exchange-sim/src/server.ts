import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createAdaptorServer } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { createLogger, type Logger } from '@livegate/runtime';
import { createSimAdmin, type SimAdmin } from './admin-client.js';
import { createApp } from './app.js';
import { createHolds } from './holds.js';
import { createMatchingEngine } from './matching.js';
import { startRandomWalk, type RandomWalkOptions } from './random-walk.js';
import { DEFAULT_LIMITS, type SimLimits } from './rate-limits.js';
import { parseStartState, type SimStartAccount, type SimStartPrices } from './start-state.js';
import { createSimState } from './state.js';
import { DEFAULT_SYMBOLS, type SymbolSpec } from './symbols.js';
import { createWsHub, type WsHubOptions } from './ws/hub.js';
import { createStreamRouter } from './ws/streams.js';

export interface StartExchangeSimOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Token for `x-sim-admin-token`; random when absent (read it from the handle). */
  readonly adminToken?: string;
  /** Seeds generated keys, client order ids and the random walk. */
  readonly seed?: number;
  readonly logger?: Logger;
  readonly limits?: Partial<SimLimits>;
  /** Listed symbols; default BTCUSDT, ETHUSDT, BNBUSDT, ETHBTC with live-like filters. */
  readonly symbols?: readonly SymbolSpec[];
  /** Server clock in ms (tests move time without sleeping). Default `Date.now`. */
  readonly clock?: () => number;
  /** Moves every last price by a seeded random step every `intervalMs`. Off by default. */
  readonly randomWalk?: RandomWalkOptions;
  /**
   * Accounts held from the start and re-created by `POST /__sim/reset` (e.g. the development venues'
   * accounts, so a client configured with their keys trades at once). Checked before listening.
   */
  readonly accounts?: readonly SimStartAccount[];
  /** Last prices at start and after a reset, by listed symbol (default: each symbol's initial price). */
  readonly prices?: SimStartPrices;
  /** Server ping interval and pong timeout of the websockets (default 20 s / 60 s, as Binance). */
  readonly websocket?: WsHubOptions;
}

export interface SimHandle {
  /** `http://HOST:PORT`: the `httpBase` for binance-api-node. */
  readonly url: string;
  /** `ws://HOST:PORT/ws-api/v3`: the `wsApi` for binance-api-node (never leave it unset). */
  readonly wsApiUrl: string;
  /** `ws://HOST:PORT`: market streams at `/ws/<stream>` and `/stream?streams=`. */
  readonly wsStreamsUrl: string;
  readonly adminToken: string;
  readonly admin: SimAdmin;
  /** Closes the server, releasing held answers and open sockets. */
  stop(): Promise<void>;
}

/** Starts the Binance spot REST simulator on an HTTP port. */
export async function startExchangeSim(options: StartExchangeSimOptions = {}): Promise<SimHandle> {
  const {
    port = 0,
    host = '127.0.0.1',
    adminToken = randomBytes(24).toString('hex'),
    seed,
    logger = createLogger({ service: 'exchange-sim', level: 'warn' }),
    limits = {},
    symbols = DEFAULT_SYMBOLS,
    clock = Date.now,
    randomWalk,
    accounts,
    prices,
    websocket,
  } = options;
  const start = parseStartState({ accounts, prices }, new Set(symbols.map((s) => s.symbol)));
  const state = createSimState({
    symbols,
    limits: { ...DEFAULT_LIMITS, ...limits },
    clock,
    start,
    ...(seed === undefined ? {} : { seed }),
  });
  const engine = createMatchingEngine(state);
  const holds = createHolds();
  const hub = createWsHub(websocket);
  const router = createStreamRouter(state, hub);
  const app = createApp({ state, engine, holds, adminToken, logger, hub, router });
  const server = createAdaptorServer({
    fetch: app.fetch,
    websocket: { server: new WebSocketServer({ noServer: true }) },
  }) as Server;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  const url = `http://${hostPort}`;
  const walk =
    randomWalk === undefined ? undefined : startRandomWalk({ state, engine, options: randomWalk });
  logger.info(
    { url, startAccounts: start.accounts.length, startPrices: start.prices },
    'exchange simulator listening',
  );
  return {
    url,
    wsApiUrl: `ws://${hostPort}/ws-api/v3`,
    wsStreamsUrl: `ws://${hostPort}`,
    adminToken,
    admin: createSimAdmin({ url, adminToken }),
    async stop() {
      walk?.stop();
      holds.releaseAll();
      router.stop();
      hub.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
