import type { TradingStateRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Clock } from './clock.js';
import { liveWindow } from './live-window.js';

// setTimeout cannot wait longer than 2^31-1 ms; a longer wait just wakes up early and re-arms.
const MAX_DELAY_MS = 2_147_483_647;

export interface ExpiryTimerProps {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Disarms an expired session (if any) and returns the committed state. */
  readonly expire: () => Promise<TradingStateRow>;
  /** Wait before trying again after `expire` failed. */
  readonly retryMs: number;
}

export interface ExpiryTimer {
  /** Waits for the expiry of `state`'s live session, or for nothing if it is not LIVE. */
  follow(state: TradingStateRow): void;
  stop(): void;
}

/** One timer for the current session's expiry; it runs `expire` when the clock says it is due. */
export function createExpiryTimer({
  clock,
  logger,
  expire,
  retryMs,
}: ExpiryTimerProps): ExpiryTimer {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function wait(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(fire, Math.min(ms, MAX_DELAY_MS));
    timer.unref();
  }

  function follow(state: TradingStateRow): void {
    if (stopped) return;
    clearTimeout(timer);
    const live = liveWindow(state);
    if (live !== undefined) wait(Math.max(0, live.expiresAt.getTime() - clock.now().getTime()));
  }

  function fire(): void {
    expire().then(follow, (err: unknown) => {
      logger.error({ err }, `session expiry check failed; retrying in ${retryMs} ms`);
      if (!stopped) wait(retryMs);
    });
  }

  return {
    follow,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
