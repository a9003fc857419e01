import WebSocket from 'ws';
import { hmacSha256Hex, type SimCredentials, type SimHandle } from '../src/index.js';

// Frames are JSON of many shapes; the tests assert them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = { readonly [key: string]: any };

/**
 * A raw `ws` client that keeps every frame it receives, so a test waits for the frame it expects
 * (bounded) instead of sleeping.
 */
export class WsProbe {
  readonly frames: Frame[] = [];
  private readonly waiters = new Set<() => void>();
  private cursor = 0;
  closed: { code: number; reason: string } | undefined;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const wake of this.waiters) wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      for (const wake of this.waiters) wake();
    });
  }

  static async open(url: string, options?: WebSocket.ClientOptions): Promise<WsProbe> {
    const socket = new WebSocket(url, options);
    const probe = new WsProbe(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return probe;
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** Waits until `check` holds (re-checked on every frame and on close), at most `timeoutMs`. */
  async until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }

  /** The next frame not yet taken (in order of arrival). */
  async next(timeoutMs = 5000): Promise<Frame> {
    await this.until(() => this.frames.length > this.cursor, 'the next frame', timeoutMs);
    return this.frames[this.cursor++] as Frame;
  }

  /** Takes frames until one matches `match`; returns it (the skipped ones stay in `frames`). */
  async nextMatching(match: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    for (;;) {
      const frame = await this.next(timeoutMs);
      if (match(frame)) return frame;
    }
  }

  /** Sends a WebSocket API request and returns its answer (the next frame with that id). */
  async request(id: number, method: string, params?: Record<string, unknown>): Promise<Frame> {
    this.send({ id, method, ...(params === undefined ? {} : { params }) });
    return this.nextMatching((f) => f.id === id);
  }

  async close(): Promise<void> {
    if (this.closed !== undefined) return;
    this.socket.close();
    await this.until(() => this.closed !== undefined, 'close');
  }
}

/** The signed `userDataStream.subscribe.signature` params of an account, at `timestamp`. */
export function subscribeParams(creds: SimCredentials, timestamp = Date.now()) {
  const payload = `apiKey=${creds.apiKey}&timestamp=${timestamp}`;
  return { apiKey: creds.apiKey, timestamp, signature: hmacSha256Hex(creds.apiSecret, payload) };
}

/** A WebSocket API connection subscribed to the account's user data stream. */
export async function userStream(sim: SimHandle, creds: SimCredentials): Promise<WsProbe> {
  const probe = await WsProbe.open(sim.wsApiUrl);
  const answer = await probe.request(
    1,
    'userDataStream.subscribe.signature',
    subscribeParams(creds),
  );
  if (answer.status !== 200) throw new Error(`subscribe failed: ${JSON.stringify(answer)}`);
  return probe;
}
