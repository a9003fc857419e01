import {
  FAULT_KINDS,
  type FaultSpec,
  type SimAdmin,
} from '../../services/exchange-sim/src/index.js';
import type { Rng } from './rng.js';

interface Target {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
}

const PLACE: Target = { method: 'POST', path: '/api/v3/order' };
const QUERY: Target = { method: 'GET', path: '/api/v3/order' };
const CANCEL: Target = { method: 'DELETE', path: '/api/v3/order' };
const OPEN: Target = { method: 'GET', path: '/api/v3/openOrders' };
const ACCOUNT: Target = { method: 'GET', path: '/api/v3/account' };
const TICKER: Target = { method: 'GET', path: '/api/v3/ticker/price' };
const INFO: Target = { method: 'GET', path: '/api/v3/exchangeInfo' };

/** Where each kind of fault lands (weighted by repetition): mostly placements, also the reads around them. */
const TARGETS: Record<string, readonly Target[]> = {
  'accept-then-timeout': [PLACE, PLACE, PLACE, QUERY, CANCEL],
  '5xx-before-accept': [PLACE, PLACE, QUERY, OPEN, ACCOUNT],
  'unknown-1007-after-accept': [PLACE, PLACE, PLACE, CANCEL],
  latency: [PLACE, PLACE, TICKER, TICKER, ACCOUNT, INFO, QUERY],
  'rate-limit': [PLACE, PLACE, QUERY],
  'connection-reset': [PLACE, PLACE, QUERY, OPEN],
};

export interface FaultInjector {
  /** With probability `rate`, queues one fault on the simulator (for the next matching request). */
  maybeInject(): Promise<void>;
  /** Injected so far, by kind. */
  readonly counts: Record<string, number>;
  /** Whether the simulator offers `read-lag` (another change adds it; the storm runs without it). */
  readonly readLag: boolean;
}

/**
 * The storm's exchange faults: every kind the simulator has, on the placement path and the reads
 * around it. Delays are sized from the venue timeout (latency sometimes beyond it: the order is
 * handled after the client gave up). With `read-lag`, half of them also hold the placement's answer:
 * the classic double fill if the order were ever resent with its client order id.
 */
export function createFaultInjector({
  admin,
  rng,
  rate,
  venueTimeoutMs,
}: {
  admin: SimAdmin;
  rng: Rng;
  rate: number;
  venueTimeoutMs: number;
}): FaultInjector {
  const available: readonly string[] = FAULT_KINDS;
  const readLag = available.includes('read-lag');
  const kinds = [
    ...Object.keys(TARGETS).filter((k) => available.includes(k)),
    ...(readLag ? ['read-lag'] : []),
  ];
  const counts: Record<string, number> = {};
  const inject = async (spec: Record<string, unknown>) => {
    await admin.injectFault(spec as FaultSpec);
    const kind = String(spec.kind);
    counts[kind] = (counts[kind] ?? 0) + 1;
  };
  return {
    counts,
    readLag,
    async maybeInject() {
      if (!rng.chance(rate)) return;
      const kind = rng.pick(kinds);
      if (kind === 'read-lag') {
        await inject({ kind, delayMs: rng.int(2_000, 5_000) });
        if (rng.chance(0.5))
          await inject({ kind: 'accept-then-timeout', ...PLACE, delayMs: venueTimeoutMs + 500 });
        return;
      }
      const target = rng.pick(TARGETS[kind] ?? [PLACE]);
      const delayMs =
        kind === 'accept-then-timeout'
          ? venueTimeoutMs + 500
          : kind === 'latency'
            ? rng.int(100, 2 * venueTimeoutMs)
            : kind === 'rate-limit'
              ? 1_000
              : undefined;
      await inject({ kind, ...target, ...(delayMs === undefined ? {} : { delayMs }) });
    },
  };
}
