import { wsFrameSchema, type WsFrame } from '@livegate/contracts';
import WebSocket from 'ws';

export interface WsClient {
  readonly socket: WebSocket;
  /** Every frame received so far, parsed with the contracts' wsFrameSchema. */
  readonly frames: WsFrame[];
  /** Resolves with the first frame (already received or still to come) that matches. */
  waitFor<T extends WsFrame>(
    predicate: (frame: WsFrame) => frame is T,
    timeoutMs?: number,
  ): Promise<T>;
  waitFor(predicate: (frame: WsFrame) => boolean, timeoutMs?: number): Promise<WsFrame>;
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/**
 * Opens `/ws` with the `ws` package as a browser would (session cookie, Origin). Rejects with
 * `HTTP <status>` when the upgrade is refused.
 */
export function connectWs(
  baseUrl: string,
  {
    cookie,
    origin,
    headers = {},
  }: { cookie?: string; origin?: string; headers?: Record<string, string> },
): Promise<WsClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, {
    headers: { ...(cookie === undefined ? {} : { cookie }), ...headers },
    ...(origin === undefined ? {} : { origin }),
  });
  const frames: WsFrame[] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(wsFrameSchema.parse(JSON.parse(String(data))));
    for (const l of listeners) l();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  function waitFor(predicate: (frame: WsFrame) => boolean, timeoutMs = 5_000): Promise<WsFrame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = frames.find(predicate);
        if (hit === undefined) return;
        done();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms; got ${frames.map((f) => f.type).join(', ')}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  }
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${res.statusCode}`));
      socket.terminate();
    });
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        frames,
        waitFor: waitFor as WsClient['waitFor'],
        closed,
        close: () => socket.close(),
      }),
    );
  });
}
