import type { TradingStateRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Clock } from './clock.js';
import { liveWindow } from './live-window.js';

// setTimeout cannot wait longer than 2^31-1 ms; a longer wait just wakes up early and re-arms.
const MAX_DELAY_MS = 2_147_483_647;

export interface ExpiryTimerProps {
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'error'>;
  /** Disarms an expired session (if any) and returns the committed state. */
  readonly expire: () => Promise<TradingStateRow>;
  /** Wait before trying again after `expire` failed. */
  readonly retryMs: number;
}

export interface ExpiryTimer {
  /** Waits for the expiry of `state`'s live session, or for nothing if it is not LIVE. */
  follow(state: TradingStateRow): void;
  /** No more waiting, also not for a check already running. */
  stop(): void;
}

/**
 * One timer for the current session's expiry. When it fires it runs `expire` and follows the state
 * that returns: a session the clock does not yet see as due is simply waited for again.
 */
export function createExpiryTimer({
  clock,
  logger,
  expire,
  retryMs,
}: ExpiryTimerProps): ExpiryTimer {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function wait(ms: number | undefined): void {
    clearTimeout(timer);
    if (stopped || ms === undefined) return;
    timer = setTimeout(fire, Math.min(Math.max(0, ms), MAX_DELAY_MS));
    timer.unref();
  }

  function follow(state: TradingStateRow): void {
    const live = liveWindow(state);
    wait(live && live.expiresAt.getTime() - clock.now().getTime());
  }

  function fire(): void {
    expire().then(follow, (err: unknown) => {
      logger.error({ err }, `session expiry check failed; retrying in ${retryMs} ms`);
      wait(retryMs);
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
