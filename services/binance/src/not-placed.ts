export interface NotPlacedInput {
  /**
   * When the placement was last decided to go out: the fenced step's database time (`last_sent_at`);
   * `null` when no request can be in flight (none was sent, or the last one was answered as not processed).
   */
  readonly lastSentAt: Date | number | null;
  /** How long after `lastSentAt` the request may still have been signed (the send budget). */
  readonly sendBudgetMs: number;
  /** The `recvWindow` that request carried. */
  readonly recvWindowMs: number;
  /** Allowance for clock differences and delays inside the venue. */
  readonly clockMarginMs: number;
  /**
   * How long not-found answers must keep agreeing once they count: the venue's read path can lag
   * behind an order it has just accepted and answer -2013 for it meanwhile.
   */
  readonly confirmMs: number;
  /**
   * Consecutive lookups by client order id that answered -2013 "Order does not exist." and were sent
   * once {@link notPlacedWaitMs} was 0, the latest included (a lookup sent earlier counts 0).
   */
  readonly notFoundCount: number;
  /** When the latest of those lookups was sent (the database's clock, like `lastSentAt`). */
  readonly now: Date | number;
}

const ms = (t: Date | number) => (typeof t === 'number' ? t : t.getTime());

/** The last moment a request decided at `lastSentAt` can reach the matching engine. */
function inFlightUntil(input: Omit<NotPlacedInput, 'notFoundCount' | 'now' | 'confirmMs'>) {
  return (
    ms(input.lastSentAt as Date | number) +
    input.sendBudgetMs +
    input.recvWindowMs +
    input.clockMarginMs
  );
}

/**
 * Milliseconds until a -2013 lookup can count towards NOT_PLACED: until `lastSentAt + sendBudgetMs +
 * recvWindowMs + clockMarginMs`, after which the venue refuses the request (its timestamp was taken
 * within the send budget, and Binance checks the window again just before the matching engine).
 * 0 when that time has passed or nothing is in flight.
 */
export function notPlacedWaitMs(
  input: Omit<NotPlacedInput, 'notFoundCount' | 'confirmMs'>,
): number {
  if (input.lastSentAt === null) return 0;
  return Math.max(0, inFlightUntil(input) - ms(input.now));
}

/**
 * The rule shared by execution and the reconciler for "this order was never placed": -2013 right
 * after a placement can be read lag, and a delayed request can still reach the matching engine until
 * its window ends. So a not-found counts only when the lookup was sent after the in-flight window
 * ({@link notPlacedWaitMs}), and NOT_PLACED is decided once at least two such lookups agree and they
 * have kept agreeing for `confirmMs`. With nothing in flight (`lastSentAt` null) one not-found decides.
 * NOT_PLACED is terminal: the order is never sent again with the same client order id.
 */
export function notPlacedDecidable(input: NotPlacedInput): boolean {
  if (input.notFoundCount < 1) return false;
  if (input.lastSentAt === null) return true;
  return (
    input.notFoundCount >= 2 &&
    notPlacedWaitMs(input) === 0 &&
    ms(input.now) >= inFlightUntil(input) + input.confirmMs
  );
}
