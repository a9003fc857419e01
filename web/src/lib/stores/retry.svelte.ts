import type { Timers } from './live-socket.svelte.js';

export interface RetryLoopProps {
  /** One try; resolves true when it worked (the loop ends), false to try again later. */
  attempt: () => Promise<boolean>;
  timers?: Timers;
  /** Wait before the first try; doubles per failed try up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Tries something again and again with a growing pause (1 s, 2 s, 4 s … up to 10 s by default) until
 * it works or `stop()`, and says where it stands — how many tries, when the next one is due, whether
 * one is running — so a page can show it rather than sit on an error.
 */
export class RetryLoop {
  /** Tries made so far. */
  attempts = $state(0);
  /** When the next try is due (epoch ms), while one is scheduled. */
  nextAt = $state<number | undefined>(undefined);
  /** A try is running. */
  trying = $state(false);
  /** The last try worked. */
  succeeded = $state(false);

  readonly #props: Required<RetryLoopProps>;
  #running = false;
  #timer: unknown;

  constructor({
    attempt,
    timers = defaultTimers,
    initialDelayMs = 1_000,
    maxDelayMs = 10_000,
    now = Date.now,
  }: RetryLoopProps) {
    this.#props = { attempt, timers, initialDelayMs, maxDelayMs, now };
  }

  /** Schedules the first try (after `initialDelayMs`), counting afresh. Calling it while running does nothing. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.succeeded = false;
    this.attempts = 0;
    this.#schedule();
  }

  /** Tries at once (the "Retry now" button), unless a try is already running. */
  async tryNow(): Promise<void> {
    if (!this.#running || this.trying) return;
    this.#props.timers.clearTimeout(this.#timer);
    this.nextAt = undefined;
    await this.#try();
  }

  stop(): void {
    this.#running = false;
    this.#props.timers.clearTimeout(this.#timer);
    this.nextAt = undefined;
  }

  #schedule(): void {
    const { initialDelayMs, maxDelayMs, timers, now } = this.#props;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** this.attempts);
    this.nextAt = now() + delay;
    this.#timer = timers.setTimeout(() => void this.#try(), delay);
  }

  async #try(): Promise<void> {
    this.nextAt = undefined;
    this.trying = true;
    this.attempts += 1;
    const ok = await this.#props.attempt().catch(() => false);
    this.trying = false;
    if (!this.#running) return;
    if (ok) {
      this.succeeded = true;
      this.stop();
    } else this.#schedule();
  }
}
