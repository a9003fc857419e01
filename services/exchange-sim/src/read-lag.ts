import type { ParsedFaultSpec, ReadLagPath } from './admin/schemas.js';
import type { SimOrder } from './orders-store.js';

/** How long, and on which read path(s), the query side lags behind an accepted order. */
export interface ReadLag {
  /** Server time (ms) from which the order is visible. */
  readonly until: number;
  /** The one read path that lags; every read path when absent. */
  readonly path?: ReadLagPath;
}

/** The lag a `read-lag` fault gives an order accepted at `acceptedAt`. */
export function readLagFrom(fault: ParsedFaultSpec, acceptedAt: number): ReadLag {
  return {
    until: acceptedAt + (fault.delayMs as number),
    ...(fault.path === undefined ? {} : { path: fault.path as ReadLagPath }),
  };
}

/** Whether a read on `path` at `now` sees the order (false while a read lag holds it back). */
export function visibleOn(order: SimOrder, path: ReadLagPath, now: number): boolean {
  const lag = order.readLag;
  return lag === undefined || now >= lag.until || (lag.path !== undefined && lag.path !== path);
}
