import type { OrderIntent, TradingMode } from '@livegate/contracts';

/** What the trading-state row says about live orders at one instant. */
export interface LiveArming {
  readonly mode: TradingMode;
  /** LIVE with an unexpired session. */
  readonly armed: boolean;
  readonly sessionId: string | null;
}

/** LIVE counts as armed only while `expires_at` is in the future (expiry disarms before arming notices). */
export function armingOf(
  row: { mode: TradingMode; session_id: string | null; expires_at: Date | null },
  now: number,
): LiveArming {
  const armed = row.mode === 'LIVE' && row.expires_at !== null && row.expires_at.getTime() > now;
  return { mode: row.mode, armed, sessionId: armed ? row.session_id : null };
}

/** Why the intent is too old to send, or undefined while it is fresh. */
export function staleReason(
  intent: Pick<OrderIntent, 'createdAt' | 'expiresAt'>,
  now: number,
  maxAgeMs: number,
): string | undefined {
  if (intent.expiresAt !== undefined && Date.parse(intent.expiresAt) <= now) {
    return `The intent expired at ${intent.expiresAt}.`;
  }
  const age = now - Date.parse(intent.createdAt);
  if (age > maxAgeMs) {
    return `The intent is ${Math.round(age / 1000)} s old; intents older than ${maxAgeMs / 1000} s are not sent.`;
  }
  return undefined;
}

/** Why the intent is dated ahead of `now` by more than `marginMs`, or undefined. */
export function futureReason(
  intent: Pick<OrderIntent, 'createdAt'>,
  now: number,
  marginMs: number,
): string | undefined {
  const ahead = Date.parse(intent.createdAt) - now;
  if (ahead <= marginMs) return undefined;
  return `The intent is dated ${Math.ceil(ahead / 1000)} s ahead of the gate's clock (createdAt ${intent.createdAt}); more than ${marginMs / 1000} s ahead is refused: check the strategy's clock.`;
}

export type NewIntentDecision =
  | { readonly state: 'SUBMITTING'; readonly sessionId: string | null }
  | {
      readonly state: 'REJECTED';
      readonly code: 'NOT_ARMED' | 'HALTED' | 'STALE' | 'FUTURE_DATED' | 'DEAD_LETTER';
      readonly message: string;
    };

/**
 * What a first-seen intent becomes (DESIGN.md §4 step 2): a live intent needs an armed session and
 * no kill switch; any intent must be dated no further ahead than the margin and still be fresh, on the
 * database's clock (`now`). Otherwise it is stored REJECTED with the code.
 */
export function decideNewIntent({
  intent,
  arming,
  now,
  maxAgeMs,
  futureMarginMs,
}: {
  intent: Pick<OrderIntent, 'mode' | 'createdAt' | 'expiresAt'>;
  /** Read FOR SHARE in the storing transaction; required for a live intent. */
  arming: LiveArming | undefined;
  now: number;
  maxAgeMs: number;
  futureMarginMs: number;
}): NewIntentDecision {
  const future = futureReason(intent, now, futureMarginMs);
  if (future !== undefined) return { state: 'REJECTED', code: 'FUTURE_DATED', message: future };
  if (intent.mode === 'live') {
    if (arming?.mode === 'HALTED') {
      return {
        state: 'REJECTED',
        code: 'HALTED',
        message: 'Trading is halted (kill switch); live intents are refused.',
      };
    }
    if (arming?.armed !== true) {
      return {
        state: 'REJECTED',
        code: 'NOT_ARMED',
        message: 'Live trading is not armed; live intents are refused.',
      };
    }
  }
  const stale = staleReason(intent, now, maxAgeMs);
  if (stale !== undefined) return { state: 'REJECTED', code: 'STALE', message: stale };
  return { state: 'SUBMITTING', sessionId: arming?.sessionId ?? null };
}
