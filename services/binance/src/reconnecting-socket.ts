import { backoffDelay, type BackoffPolicy, type Logger } from '@livegate/runtime';
import WebSocket from 'ws';

/** Reconnect waits of the venue streams: 250 ms doubling to 30 s, a fifth taken off at random. */
export const STREAM_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 30_000, jitter: 0.2 };

export interface ReconnectingSocketProps {
  readonly url: string;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
  /** Every time a connection opens (first and after each reconnect). */
  readonly onOpen: () => void;
  readonly onMessage: (text: string) => void;
  /** An open connection closed (not by {@link ReconnectingSocket.close}); a reconnect follows. */
  readonly onDrop: (code: number) => void;
}

export interface ReconnectingSocket {
  /** Sends on the open connection (call it from `onOpen` or a message handler). */
  send(frame: unknown): void;
  /** Closes the connection now and opens a new one (after the first backoff wait). */
  restart(reason: string): void;
  readonly isOpen: boolean;
  /** Stops for good: no reconnect; resolves once the socket is closed. */
  close(): Promise<void>;
}

/**
 * One websocket that reconnects with backoff whenever it closes, until {@link ReconnectingSocket.close}.
 * The server's pings are answered by `ws` itself (Binance drops a connection silent for a minute).
 */
export function openReconnectingSocket(props: ReconnectingSocketProps): ReconnectingSocket {
  const { url, logger, backoff = STREAM_BACKOFF } = props;
  let socket: WebSocket | undefined;
  let open = false;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.on('open', () => {
      open = true;
      failures = 0;
      props.onOpen();
    });
    ws.on('message', (data: WebSocket.RawData) => props.onMessage(String(data)));
    ws.on('error', (error) => logger.warn({ url, err: error.message }, 'venue stream error'));
    ws.on('close', (code) => {
      const wasOpen = open;
      open = false;
      if (stopped) return;
      if (wasOpen) props.onDrop(code);
      failures += 1;
      const waitMs = backoffDelay(backoff, failures);
      logger.warn({ url, code, waitMs, attempt: failures }, 'venue stream closed, reconnecting');
      timer = setTimeout(connect, waitMs);
    });
  }
  connect();

  return {
    send(frame) {
      (socket as WebSocket).send(JSON.stringify(frame));
    },
    restart(reason) {
      logger.info({ url, reason }, 'venue stream restarting');
      (socket as WebSocket).terminate();
    },
    get isOpen() {
      return open;
    },
    close() {
      stopped = true;
      clearTimeout(timer);
      const ws = socket as WebSocket;
      open = false;
      if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.terminate();
      });
    },
  };
}
