import { createRoute } from '@hono/zod-openapi';
import { upgradeWebSocket } from '@hono/node-server';
import { wsFrameSchema } from '@livegate/contracts';
import type { WebSocket } from 'ws';
import { checkOrigin } from '../auth/origin.js';
import { sessionOf } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { errorResponse, withAccess } from '../http/route-access.js';
import type { Hub } from '../ws/hub.js';
import { buildSnapshot } from '../ws/snapshot.js';
import type { GatewayApp, RouteDeps } from './deps.js';

/**
 * `GET /ws`: a dashboard session (cookie) from an allowed Origin upgrades to a websocket that receives
 * a snapshot, then every event frame (see the contracts' wsFrameSchema) and heartbeats.
 */
export function registerWsRoute(app: GatewayApp, deps: RouteDeps & { hub: Hub }): void {
  const { hub, bus, arming } = deps;
  app.openapi(
    withAccess(
      ['operator', 'viewer'],
      deps.guard,
      createRoute({
        method: 'get',
        path: '/ws',
        summary:
          'Websocket of live events (session cookie and an allowed Origin); frames are WsFrame JSON',
        tags: ['events'],
        responses: {
          101: {
            description: 'Switching protocols; then WsFrame JSON frames',
            content: { 'application/json': { schema: wsFrameSchema } },
          },
          426: errorResponse('Not a websocket upgrade request'),
        },
      }),
    ),
    async (c) => {
      const session = sessionOf(c);
      checkOrigin(c.req.header('origin'), deps.config.allowedOrigins, { required: true });
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new ApiError(426, 'BAD_REQUEST', 'GET /ws must be a websocket upgrade');
      }
      return upgradeWebSocket(c, {
        onOpen(_event, ws) {
          const socket = ws.raw as WebSocket;
          const client = hub.add(socket, session.sessionId);
          socket.on('pong', () => client.pong());
          socket.on('close', () => client.remove());
          void buildSnapshot({ bus, arming, session }).then((frame) => client.start(frame));
        },
      }) as Promise<never>; // a 101 upgrade has no typed body
    },
  );
}
