import type { WebSocket } from 'ws';

export interface WsHubOptions {
  /** How often the server pings every connection (Binance: 20 s). */
  readonly pingMs?: number;
  /** A connection that has not answered a ping for this long is dropped (Binance: 1 minute). */
  readonly pongTimeoutMs?: number;
}

interface Client {
  lastPong: number;
  /** Sends the connection's notice of an orderly shutdown, if it has one (WebSocket API). */
  readonly shutdown?: () => void;
}

/**
 * Every open websocket of the simulator: pings them (and drops the silent ones), drops them all on
 * request (reconnect tests), and holds the admin's "skip the next N user-data events" gap.
 */
export function createWsHub({ pingMs = 20_000, pongTimeoutMs = 60_000 }: WsHubOptions = {}) {
  const clients = new Map<WebSocket, Client>();
  let userEventsToSkip = 0;

  const timer = setInterval(() => {
    const now = Date.now();
    for (const [ws, client] of clients) {
      if (now - client.lastPong > pongTimeoutMs) ws.terminate();
      else ws.ping();
    }
  }, pingMs);
  timer.unref();

  return {
    add(ws: WebSocket, shutdown?: () => void): void {
      const client: Client = {
        lastPong: Date.now(),
        ...(shutdown === undefined ? {} : { shutdown }),
      };
      clients.set(ws, client);
      ws.on('pong', () => {
        client.lastPong = Date.now();
      });
      ws.once('close', () => clients.delete(ws));
    },
    get connections(): number {
      return clients.size;
    },
    /**
     * Drops every connection: at once (terminate, as a network cut), or `graceful` — a
     * `serverShutdown` event on the WebSocket API first, then close code 1001.
     */
    dropAll(graceful: boolean): number {
      const dropped = clients.size;
      for (const [ws, client] of clients) {
        if (graceful) {
          client.shutdown?.();
          ws.close(1001, 'server shutdown');
        } else ws.terminate();
      }
      return dropped;
    },
    /** The next `count` user-data events are not delivered (a gap the client must detect). */
    skipUserEvents(count: number): number {
      userEventsToSkip += count;
      return userEventsToSkip;
    },
    /** Whether this user-data event falls in an injected gap (consumes one). */
    skipsUserEvent(): boolean {
      if (userEventsToSkip === 0) return false;
      userEventsToSkip -= 1;
      return true;
    },
    stop(): void {
      clearInterval(timer);
      for (const ws of clients.keys()) ws.terminate();
    },
  };
}

export type WsHub = ReturnType<typeof createWsHub>;
