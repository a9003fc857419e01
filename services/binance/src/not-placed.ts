export interface NotPlacedInput {
  /**
   * The latest moment a placement request for the order may have been stamped (its `timestamp`);
   * `null` when no request can be in flight (none was sent, or the last one was answered as not processed).
   */
  readonly lastSentAt: Date | number | null;
  /** The `recvWindow` that request carried. */
  readonly recvWindowMs: number;
  /** Allowance for clock differences and delays inside the venue. */
  readonly clockMarginMs: number;
  /**
   * Consecutive lookups by client order id that answered -2013 "Order does not exist." and were sent
   * once {@link notPlacedWaitMs} was 0, the latest included (a lookup sent earlier counts 0).
   */
  readonly notFoundCount: number;
  /** When the latest of those lookups was sent. */
  readonly now: Date | number;
}

const ms = (t: Date | number) => (typeof t === 'number' ? t : t.getTime());

/**
 * Milliseconds until a -2013 lookup can count towards NOT_PLACED: until `lastSentAt + recvWindowMs +
 * clockMarginMs`, after which the venue refuses the request (Binance checks the window again just
 * before the matching engine). 0 when that time has passed or nothing is in flight.
 */
export function notPlacedWaitMs(input: Omit<NotPlacedInput, 'notFoundCount'>): number {
  if (input.lastSentAt === null) return 0;
  const deadline = ms(input.lastSentAt) + input.recvWindowMs + input.clockMarginMs;
  return Math.max(0, deadline - ms(input.now));
}

/**
 * The rule shared by execution and the reconciler for "this order was never placed": -2013 right
 * after a placement can be lag, and a delayed request can still reach the matching engine until its
 * `recvWindow` ends. So a not-found counts only when the lookup was sent after `lastSentAt +
 * recvWindowMs + clockMarginMs` and a repeated lookup agrees (`notFoundCount >= 2`). With nothing
 * in flight (`lastSentAt` null) one not-found decides.
 */
export function notPlacedDecidable(input: NotPlacedInput): boolean {
  if (input.notFoundCount < 1) return false;
  if (input.lastSentAt === null) return true;
  return input.notFoundCount >= 2 && notPlacedWaitMs(input) === 0;
}
