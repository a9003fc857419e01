import { Dec } from './decimal.js';

/** A last price and the server time (ms) from which it held. */
export interface PricePoint {
  readonly time: number;
  readonly price: Dec;
}

export interface AveragePrice {
  readonly price: Dec;
  /** When the last price in the window was set (the window's last "trade"). */
  readonly closeTime: number;
}

/**
 * The time-weighted average of the last price over the `mins` minutes up to `now`: each price
 * weighs as long as it was the last price inside the window. `history` is oldest first and
 * non-empty; time before its first point does not count. With no time to weigh (the history
 * starts at `now`) it is the last price.
 */
export function timeWeightedAverage(
  history: readonly PricePoint[],
  mins: number,
  now: number,
): AveragePrice {
  const windowStart = now - mins * 60_000;
  let weighted = new Dec(0);
  let total = 0;
  history.forEach((point, i) => {
    const from = Math.max(point.time, windowStart);
    const to = Math.min(history[i + 1]?.time ?? now, now);
    if (to <= from) return;
    weighted = weighted.plus(point.price.mul(to - from));
    total += to - from;
  });
  const last = history.at(-1) as PricePoint;
  return {
    price: total === 0 ? last.price : weighted.div(total),
    closeTime: last.time,
  };
}

/** Drops the points no window of `mins` minutes ending at or after `now` can reach. */
export function pruneHistory(history: PricePoint[], mins: number, now: number): PricePoint[] {
  const windowStart = now - mins * 60_000;
  const firstInside = history.findIndex((p) => p.time > windowStart);
  if (firstInside <= 0) return firstInside === -1 ? history.slice(-1) : history;
  return history.slice(firstInside - 1);
}
