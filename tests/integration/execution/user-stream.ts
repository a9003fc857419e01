import { createHmac } from 'node:crypto';
import type { UserStreamHandlers, UserStreamSource } from '@livegate/execution';
import WebSocket from 'ws';

/**
 * A plain user data stream client for the tests (WebSocket API `userDataStream.subscribe.signature`,
 * as BINANCE.md §8 describes): forwards each `event`, and after a dropped connection reconnects,
 * re-subscribes and signals a gap. Stands in until the @livegate/binance client lands.
 */
export function testUserStream(
  wsApiUrl: string,
  account: { apiKey: string; apiSecret: string },
): UserStreamSource {
  let socket: WebSocket | undefined;
  let stopped = false;
  let handlers: UserStreamHandlers | undefined;
  let connections = 0;

  function connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsApiUrl);
      socket = ws;
      connections += 1;
      const reconnected = connections > 1;
      ws.on('open', () => {
        const timestamp = Date.now();
        const payload = `apiKey=${account.apiKey}&timestamp=${timestamp}`;
        const signature = createHmac('sha256', account.apiSecret).update(payload).digest('hex');
        ws.send(
          JSON.stringify({
            id: 'subscribe',
            method: 'userDataStream.subscribe.signature',
            params: { apiKey: account.apiKey, timestamp, signature },
          }),
        );
      });
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as {
          id?: string;
          status?: number;
          event?: unknown;
        };
        if (frame.id === 'subscribe') {
          if (frame.status !== 200) reject(new Error(`subscribe refused: ${data.toString()}`));
          else {
            if (reconnected) handlers?.onGap('reconnected');
            resolve();
          }
          return;
        }
        if (frame.event !== undefined) handlers?.onEvent(frame.event);
      });
      ws.on('error', () => {});
      ws.on('close', () => {
        if (!stopped) setTimeout(() => void connect().catch(() => {}), 20);
      });
    });
  }

  return {
    async start(h) {
      handlers = h;
      await connect();
    },
    async stop() {
      stopped = true;
      socket?.close();
    },
  };
}
