import { formatIssues, wsFrameSchema, type WsFrame } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { GatewayMetrics } from '../http/metrics.js';

/** What the hub needs of a websocket (the `ws` socket satisfies it). */
export interface FrameSink {
  readonly bufferedAmount: number;
  send(data: string): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

export interface HubClient {
  /** Sends one frame now (the snapshot), then everything queued since `add`, then live frames. */
  start(first: WsFrame): void;
  /** The client answered a ping. */
  pong(): void;
  remove(): void;
}

export interface Hub {
  /** Registers a socket; frames broadcast before `start` are queued, so the snapshot always goes first. */
  add(sink: FrameSink, sessionId: string): HubClient;
  /** Validates the frame once against the contracts' schema, then sends it to every started client. */
  broadcast(frame: WsFrame): boolean;
  /** Pings every client (terminating one that never answered the last ping) and sends a heartbeat frame. */
  heartbeat(at: Date): void;
  /** Closes the sockets of one session (signed out or expired). */
  closeSession(sessionId: string, reason: string): void;
  /** Session ids with an open socket. */
  sessions(): string[];
  closeAll(): void;
  readonly size: number;
}

/** Frames kept for a client whose snapshot is still being fetched; beyond that it is dropped. */
export const MAX_QUEUED_BEFORE_START = 1000;

/** Close codes: 4001 the session ended; 1001 the gateway is going away. */
export const CLOSE_SESSION_ENDED = 4001;

interface Encoded {
  readonly data: string;
  readonly type: WsFrame['type'];
}

interface Entry {
  readonly sink: FrameSink;
  readonly sessionId: string;
  started: boolean;
  readonly queue: Encoded[];
  awaitingPong: boolean;
}

export function createHub({
  maxBufferedBytes,
  metrics,
  logger,
}: {
  maxBufferedBytes: number;
  metrics: GatewayMetrics;
  logger: Logger;
}): Hub {
  const clients = new Set<Entry>();

  function drop(entry: Entry, reason: 'slow' | 'unresponsive' | 'session' | 'shutdown'): void {
    clients.delete(entry);
    metrics.wsClients.set(clients.size);
    metrics.wsClientsDropped.inc({ reason });
  }

  function deliver(entry: Entry, { data, type }: Encoded): void {
    if (entry.sink.bufferedAmount > maxBufferedBytes) {
      logger.warn(
        { bufferedAmount: entry.sink.bufferedAmount },
        'websocket client too slow: dropped',
      );
      drop(entry, 'slow');
      entry.sink.terminate();
      return;
    }
    entry.sink.send(data);
    metrics.wsFramesSent.inc({ type });
  }

  function encode(frame: WsFrame): Encoded | undefined {
    const parsed = wsFrameSchema.safeParse(frame);
    if (parsed.success) return { data: JSON.stringify(parsed.data), type: frame.type };
    logger.error(
      { type: frame.type, issues: formatIssues(parsed.error) },
      'frame not sent: invalid',
    );
    return undefined;
  }

  return {
    add(sink, sessionId) {
      const entry: Entry = { sink, sessionId, started: false, queue: [], awaitingPong: false };
      clients.add(entry);
      metrics.wsClients.set(clients.size);
      return {
        start(first) {
          if (!clients.has(entry)) return;
          entry.started = true;
          const encoded = encode(first);
          if (encoded !== undefined) deliver(entry, encoded);
          for (const frame of entry.queue.splice(0)) {
            if (clients.has(entry)) deliver(entry, frame);
          }
        },
        pong() {
          entry.awaitingPong = false;
        },
        remove() {
          if (clients.delete(entry)) metrics.wsClients.set(clients.size);
        },
      };
    },
    broadcast(frame) {
      const encoded = encode(frame);
      if (encoded === undefined) return false;
      for (const entry of [...clients]) {
        if (entry.started) deliver(entry, encoded);
        else if (entry.queue.push(encoded) > MAX_QUEUED_BEFORE_START) {
          drop(entry, 'slow');
          entry.sink.terminate();
        }
      }
      return true;
    },
    heartbeat(at) {
      const beat = encode({ type: 'heartbeat', data: { at: at.toISOString() } }) as Encoded;
      for (const entry of [...clients]) {
        if (entry.awaitingPong) {
          drop(entry, 'unresponsive');
          entry.sink.terminate();
          continue;
        }
        entry.awaitingPong = true;
        entry.sink.ping();
        if (entry.started) deliver(entry, beat);
      }
    },
    closeSession(sessionId, reason) {
      for (const entry of [...clients]) {
        if (entry.sessionId !== sessionId) continue;
        drop(entry, 'session');
        entry.sink.close(CLOSE_SESSION_ENDED, reason);
      }
    },
    sessions() {
      return [...new Set([...clients].map((e) => e.sessionId))];
    },
    closeAll() {
      for (const entry of [...clients]) {
        drop(entry, 'shutdown');
        entry.sink.close(1001, 'gateway shutting down');
      }
    },
    get size() {
      return clients.size;
    },
  };
}
