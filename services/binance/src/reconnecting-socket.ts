import { backoffDelay, type BackoffPolicy, type Logger } from '@livegate/runtime';
import WebSocket from 'ws';

/** Reconnect waits of the venue streams: 250 ms doubling to 30 s, a fifth taken off at random. */
export const STREAM_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 30_000, jitter: 0.2 };

/**
 * Default bound of a connection's silence. Binance pings every 20 s (sometimes only every few minutes)
 * and answers our pings at once; 30 s leaves three of our pings to be answered.
 */
export const STREAM_SILENCE_DEFAULT_MS = 30_000;

export interface ReconnectingSocketProps {
  readonly url: string;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
  /**
   * No frame (message, ping or pong) for this long: the connection is dropped as half-open and a new
   * one is opened (`onDrop`, then `onOpen` again). We ping every third of it; a handshake gets as long.
   */
  readonly silenceMs?: number;
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
 * Our own liveness: we ping every third of `silenceMs`, and a connection that brought no frame for
 * `silenceMs` is terminated (a half-open connection is otherwise noticed only when the OS gives up).
 */
export function openReconnectingSocket(props: ReconnectingSocketProps): ReconnectingSocket {
  const { url, logger, backoff = STREAM_BACKOFF, silenceMs = STREAM_SILENCE_DEFAULT_MS } = props;
  const pingMs = Math.max(1, Math.floor(silenceMs / 3));
  let socket: WebSocket | undefined;
  let open = false;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  function connect(): void {
    const ws = new WebSocket(url, { handshakeTimeout: silenceMs });
    socket = ws;
    let heardAt = Date.now();
    let checkedAt = heardAt;
    let watch: NodeJS.Timeout | undefined;
    const heard = () => {
      heardAt = Date.now();
    };
    // Run after pending I/O (setImmediate): a frame that waited behind a busy event loop counts.
    const check = () => {
      const at = Date.now();
      // Our own stall (a GC pause, a starved CPU) is not the venue's silence: its window starts again.
      if (at - checkedAt > 2 * pingMs) heardAt = at;
      checkedAt = at;
      const silentMs = at - heardAt;
      if (silentMs < silenceMs) {
        ws.ping();
        return;
      }
      clearInterval(watch);
      logger.warn({ url, silentMs }, 'venue stream silent (half-open?): reconnecting');
      ws.terminate();
    };
    ws.on('open', () => {
      open = true;
      failures = 0;
      heard();
      checkedAt = heardAt;
      watch = setInterval(() => setImmediate(check), pingMs);
      watch.unref();
      props.onOpen();
    });
    ws.on('message', (data: WebSocket.RawData) => {
      heard();
      props.onMessage(String(data));
    });
    ws.on('ping', heard);
    ws.on('pong', heard);
    ws.on('error', (error) => logger.warn({ url, err: error.message }, 'venue stream error'));
    ws.on('close', (code) => {
      clearInterval(watch);
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
