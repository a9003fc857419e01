/** The part of the browser's WebSocket the store uses (so tests can hand in a fake). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A parsed inbound frame of the event map `M`, or the reason it was dropped. */
export type ParsedFrame<M> =
  | { ok: true; frame: { [K in keyof M]: { type: K; data: M[K]; seq?: number } }[keyof M] }
  | { ok: false; issues: readonly string[] };

export interface LiveSocketProps<M> {
  /** Where to connect; called on every attempt (so it can follow `location`). */
  url: () => string;
  /** Turns one text message into a frame of the event map, or says why not. */
  parse: (text: string) => ParsedFrame<M>;
  open?: (url: string) => SocketLike;
  timers?: Timers;
  /** First retry delay; doubles per failed attempt up to `maxRetryMs`. */
  initialRetryMs?: number;
  maxRetryMs?: number;
  /** No frame at all (heartbeats included) for this long: the link is dead, reconnect. */
  staleAfterMs?: number;
  /** 0..1; the retry delay is drawn from [delay/2, delay]. */
  random?: () => number;
  onInvalid?: (issues: readonly string[]) => void;
  /** Told after each attempt that ended without the socket opening, with the count so far. */
  onFailure?: (consecutive: number) => void;
}

/** Receives a frame's data and, for event frames, its stream sequence number. */
type Handler<T> = (data: T, seq: number | undefined) => void;

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The dashboard's one websocket: explicit `connect()` / `close()`, a reactive `connected` flag, typed
 * listeners per frame type, every inbound message parsed before anyone sees it. While wanted
 * (between `connect()` and `close()`), a dropped or silent socket is replaced with backoff.
 */
/**
 * `idle` before `connect()` and after `close()`; `connecting` until the first socket opens or fails;
 * `open`; `down` once a socket dropped or an attempt failed, until one opens again.
 */
export type LinkStatus = 'idle' | 'connecting' | 'open' | 'down';

export class LiveSocket<M extends Record<string, unknown>> {
  connected = $state(false);
  status = $state<LinkStatus>('idle');
  /** When the next reconnect attempt is due (epoch ms), while one is scheduled. */
  retryAt = $state<number | undefined>(undefined);

  readonly #props: Required<Omit<LiveSocketProps<M>, 'onInvalid' | 'onFailure'>> &
    Pick<LiveSocketProps<M>, 'onInvalid' | 'onFailure'>;
  readonly #handlers = new Map<keyof M, Set<Handler<never>>>();
  #wanted = false;
  #socket: SocketLike | undefined;
  #failures = 0;
  #failedAttempts = 0;
  #retryTimer: unknown;
  #staleTimer: unknown;

  constructor({
    url,
    parse,
    open = (u) => new WebSocket(u) as unknown as SocketLike,
    timers = defaultTimers,
    initialRetryMs = 500,
    maxRetryMs = 10_000,
    staleAfterMs = 45_000,
    random = Math.random,
    onInvalid,
    onFailure,
  }: LiveSocketProps<M>) {
    this.#props = {
      url,
      parse,
      open,
      timers,
      initialRetryMs,
      maxRetryMs,
      staleAfterMs,
      random,
      onInvalid,
      onFailure,
    };
  }

  /** Starts connecting (and keeps reconnecting) until `close()`. Calling it again does nothing. */
  connect(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#failures = 0;
    this.#failedAttempts = 0;
    this.status = 'connecting';
    this.#attempt();
  }

  /** Stops for good: closes the socket, cancels any retry, `connected` becomes false. */
  close(): void {
    this.#wanted = false;
    this.#clearTimers();
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.close(1000, 'closed by the dashboard');
    this.connected = false;
    this.status = 'idle';
  }

  /** Calls `handler` with the data of every frame of `type`; returns the unsubscribe function. */
  on<K extends keyof M>(type: K, handler: Handler<M[K]>): () => void {
    let set = this.#handlers.get(type);
    if (set === undefined) {
      set = new Set();
      this.#handlers.set(type, set);
    }
    set.add(handler as Handler<never>);
    return () => set.delete(handler as Handler<never>);
  }

  #attempt(): void {
    this.retryAt = undefined;
    let socket: SocketLike;
    try {
      socket = this.#props.open(this.#props.url());
    } catch {
      this.status = 'down';
      this.#props.onFailure?.(++this.#failedAttempts);
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      this.connected = true;
      this.status = 'open';
      this.#failures = 0;
      this.#failedAttempts = 0;
      this.#armStaleTimer();
    };
    socket.onmessage = (ev) => {
      if (this.#socket !== socket) return;
      this.#armStaleTimer();
      this.#dispatch(ev.data);
    };
    socket.onerror = () => socket.close();
    socket.onclose = () => this.#drop(socket);
  }

  /** Forgets `socket` (if it is still the current one) and schedules its replacement. */
  #drop(socket: SocketLike): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    if (!this.connected) this.#props.onFailure?.(++this.#failedAttempts);
    this.connected = false;
    this.status = 'down';
    this.#props.timers.clearTimeout(this.#staleTimer);
    this.#scheduleRetry();
  }

  #dispatch(data: unknown): void {
    const parsed =
      typeof data === 'string'
        ? this.#props.parse(data)
        : { ok: false as const, issues: ['frame is not text'] };
    if (!parsed.ok) {
      this.#props.onInvalid?.(parsed.issues);
      return;
    }
    const { type, data: payload, seq } = parsed.frame;
    for (const handler of this.#handlers.get(type) ?? [])
      (handler as Handler<unknown>)(payload, seq);
  }

  #scheduleRetry(): void {
    if (!this.#wanted) return;
    const { initialRetryMs, maxRetryMs, random, timers } = this.#props;
    const ceiling = Math.min(maxRetryMs, initialRetryMs * 2 ** this.#failures);
    const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
    this.#failures += 1;
    this.retryAt = Date.now() + delay;
    this.#retryTimer = timers.setTimeout(() => this.#attempt(), delay);
  }

  #armStaleTimer(): void {
    const { timers, staleAfterMs } = this.#props;
    timers.clearTimeout(this.#staleTimer);
    const socket = this.#socket;
    this.#staleTimer = timers.setTimeout(() => {
      // A dead link may never deliver `close`; replace the socket now instead of waiting for it.
      socket?.close(4000, 'no frames');
      if (socket !== undefined) this.#drop(socket);
    }, staleAfterMs);
  }

  #clearTimers(): void {
    this.#props.timers.clearTimeout(this.#retryTimer);
    this.#props.timers.clearTimeout(this.#staleTimer);
    this.retryAt = undefined;
  }
}
