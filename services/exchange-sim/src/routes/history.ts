import { errors, fail, ok, type Outcome } from '../errors.js';
import { integerParam } from '../order-lookup.js';
import type { Params } from '../params.js';

const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 1000;

export interface HistoryWindow {
  /** Rows from `fromId` on, or inside startTime–endTime, else the most recent ones; at most `limit`. */
  select<T>(rows: readonly T[], idOf: (row: T) => number, timeOf: (row: T) => number): T[];
}

/**
 * The paging parameters of allOrders / myTrades: `fromName` (orderId or fromId, rows with id ≥ it),
 * startTime / endTime (at most 24 h apart, -1127), limit (default 500, max 1000).
 */
export function historyWindow(
  params: Params,
  fromName: 'orderId' | 'fromId',
): Outcome<HistoryWindow> {
  const values: (number | undefined)[] = [];
  for (const name of [fromName, 'startTime', 'endTime', 'limit']) {
    const parsed = integerParam(params, name);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  const [fromId, startTime, endTime, limitSent] = values;
  const limit = limitSent ?? DEFAULT_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) return fail(errors.invalidParam('limit'));
  if (startTime !== undefined && endTime !== undefined && endTime - startTime > DAY_MS) {
    return fail(errors.moreThan24Hours());
  }
  return ok({
    select(rows, idOf, timeOf) {
      const inWindow = rows.filter(
        (r) =>
          (fromId === undefined || idOf(r) >= fromId) &&
          (startTime === undefined || timeOf(r) >= startTime) &&
          (endTime === undefined || timeOf(r) <= endTime),
      );
      const fromStart = fromId !== undefined || startTime !== undefined;
      return fromStart ? inWindow.slice(0, limit) : inWindow.slice(-limit);
    },
  });
}
