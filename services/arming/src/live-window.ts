import type { TradingStateRow } from '@livegate/db';

export interface LiveWindow {
  readonly sessionId: string;
  readonly expiresAt: Date;
}

/** The armed session of a LIVE row; undefined for any other row (a LIVE row without one is not armed). */
export function liveWindow(state: TradingStateRow): LiveWindow | undefined {
  if (state.mode !== 'LIVE' || state.session_id === null || state.expires_at === null)
    return undefined;
  return { sessionId: state.session_id, expiresAt: state.expires_at };
}

/** The live window of `state` if it has reached its expiry at `now`. */
export function dueForExpiry(state: TradingStateRow, now: Date): LiveWindow | undefined {
  const live = liveWindow(state);
  return live !== undefined && live.expiresAt <= now ? live : undefined;
}
