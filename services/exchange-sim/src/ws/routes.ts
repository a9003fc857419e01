import { upgradeWebSocket } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { errors } from '../errors.js';
import { replyError } from '../reply.js';
import type { SimState } from '../state.js';
import type { WsHub } from './hub.js';
import { streamSymbol } from './market.js';
import type { MarketConnection, StreamRouter } from './streams.js';
import { createWsApiSession } from './ws-api.js';

/** Paths served over websockets (the REST gateway leaves them alone). */
export const isWebSocketPath = (path: string): boolean =>
  path === '/ws' || path === '/stream' || path.startsWith('/ws/') || path.startsWith('/ws-api/');

const marketRequestSchema = z.object({
  method: z.enum(['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS']),
  params: z.array(z.string()).optional(),
  id: z.union([z.number(), z.string(), z.null()]),
});

const isUpgrade = (c: Context) => c.req.header('upgrade')?.toLowerCase() === 'websocket';
const notUpgrade = (c: Context) => replyError(c, { ...errors.unsupportedOperation(), status: 426 });

/** `SUBSCRIBE` / `UNSUBSCRIBE` / `LIST_SUBSCRIPTIONS` on a market-stream connection. */
function marketControl(
  state: SimState,
  router: StreamRouter,
  connection: MarketConnection,
  raw: string,
): void {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    connection.send(JSON.stringify({ error: { code: 3, msg: 'Invalid JSON' }, id: null }));
    return;
  }
  const request = marketRequestSchema.safeParse(json);
  if (!request.success) {
    connection.send(JSON.stringify({ error: { code: 2, msg: 'Invalid request' }, id: null }));
    return;
  }
  const { method, params = [], id } = request.data;
  if (method === 'LIST_SUBSCRIPTIONS') {
    connection.send(JSON.stringify({ result: [...connection.streams], id }));
    return;
  }
  const unknown = params.find((name) => streamSymbol(state, name) === undefined);
  if (unknown !== undefined) {
    const msg = `Invalid request: unknown stream '${unknown}'`;
    connection.send(JSON.stringify({ error: { code: 2, msg }, id }));
    return;
  }
  connection.send(JSON.stringify({ result: null, id }));
  for (const name of params) {
    if (method === 'UNSUBSCRIBE') connection.streams.delete(name);
    else if (!connection.streams.has(name)) {
      connection.streams.add(name);
      router.primeBookTicker(connection, name);
    }
  }
}

/**
 * The websocket endpoints: the WebSocket API on `/ws-api/v3`, market streams raw on
 * `/ws/<stream>` (or `/ws` then SUBSCRIBE) and combined on `/stream?streams=a/b`.
 */
export function wsRoutes(app: Hono, state: SimState, hub: WsHub, router: StreamRouter): void {
  app.get('/ws-api/v3', (c) => {
    if (!isUpgrade(c)) return notUpgrade(c);
    return upgradeWebSocket(c, {
      onOpen(_event, ws) {
        const socket = ws.raw as WebSocket;
        const send = (frame: string) => socket.send(frame);
        const session = createWsApiSession(state, send);
        const remove = router.addUserSession(session, send);
        hub.add(socket, () =>
          send(JSON.stringify({ event: { e: 'serverShutdown', E: state.clock() } })),
        );
        socket.on('message', (data) => session.handle(String(data)));
        socket.once('close', remove);
      },
    });
  });

  const market = (streams: string[], combined: boolean) => (c: Context) => {
    if (!isUpgrade(c)) return notUpgrade(c);
    if (streams.some((name) => streamSymbol(state, name) === undefined))
      return replyError(c, errors.invalidParam('streams'));
    return upgradeWebSocket(c, {
      onOpen(_event, ws) {
        const socket = ws.raw as WebSocket;
        const connection: MarketConnection = {
          streams: new Set(streams),
          combined,
          send: (frame) => socket.send(frame),
        };
        const remove = router.addMarket(connection);
        hub.add(socket);
        socket.on('message', (data) => marketControl(state, router, connection, String(data)));
        socket.once('close', remove);
        for (const name of streams) router.primeBookTicker(connection, name);
      },
    });
  };

  app.get('/ws', (c) => market([], false)(c));
  app.get('/ws/:stream', (c) => market([c.req.param('stream')], false)(c));
  app.get('/stream', (c) => {
    const streams = (c.req.query('streams') ?? '').split('/').filter((s) => s !== '');
    return market(streams, true)(c);
  });
}
