/** What the checks look at, gathered after the storm (plain data, so the checks are pure functions). */

export type Mode = 'PAPER' | 'LIVE' | 'HALTED';

export interface IntentEvidence {
  readonly intentId: string;
  readonly clientOrderId: string;
  readonly mode: 'paper' | 'live';
  readonly fingerprint: string;
  /** The intent's createdAt (ms). */
  readonly createdAt: number;
  /** When the stream acknowledged the original (undefined: never acknowledged). */
  readonly ackedAt: number | undefined;
  /**
   * The reused key (same id, other fields), when the plan had one: its fingerprint, when it was
   * acknowledged, and whether the original's row existed by then (else either body may be first).
   */
  readonly reuse:
    | {
        readonly fingerprint: string;
        readonly ackedAt: number | undefined;
        readonly afterRow: boolean;
      }
    | undefined;
}

export interface RowEvidence {
  readonly intentId: string;
  readonly clientOrderId: string;
  readonly mode: 'paper' | 'live';
  readonly state: string;
  readonly rejectCode: string | null;
  readonly exchangeOrderId: string | null;
  readonly executedQty: string;
  readonly fingerprint: string;
  readonly recvWindowMs: number;
  /** The trading-state version read in the fenced step (undefined: the column does not exist). */
  readonly fenceVersion: number | null | undefined;
}

export interface SimOrderEvidence {
  readonly account: 'paper' | 'live';
  readonly clientOrderId: string;
  readonly orderId: number;
  readonly status: string;
  readonly executedQty: string;
  /** When the simulator accepted it (its clock, the storm's: same process). */
  readonly time: number;
}

export interface SessionEvidence {
  readonly id: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly expiresAt: number;
}

/**
 * A disarm or kill the storm's operator sent. `committedBy` is an upper bound of its commit: the
 * earlier of its answer and the moment its version was first seen in `arming.trading_state`.
 */
export interface StopEvidence {
  readonly verb: 'disarm' | 'kill';
  readonly sentAt: number;
  readonly committedBy: number;
  readonly ok: boolean;
  readonly version: number | undefined;
}

export interface Evidence {
  readonly intents: readonly IntentEvidence[];
  readonly rows: readonly RowEvidence[];
  readonly simOrders: readonly SimOrderEvidence[];
  readonly sessions: readonly SessionEvidence[];
  readonly stops: readonly StopEvidence[];
  /** Trading mode after each version, from the arming audit rows (version 0: PAPER). */
  readonly modeAtVersion: ReadonlyMap<number, Mode>;
  /** Whether execution.orders has `fence_version`. */
  readonly fenceColumn: boolean;
  /** Intent ids with an `order.rejected` IDEMPOTENCY_KEY_REUSED event on the ORDER_EVENTS stream. */
  readonly reuseRefused: ReadonlySet<string>;
  /** arming.trading_state.mode at the end. */
  readonly endMode: Mode;
  /** recvWindow of a live order without a row (none should exist), and the clock margin on top. */
  readonly recvWindowMs: number;
  readonly clockMarginMs: number;
  /** An intent acknowledged within this of its createdAt was fresh when published. */
  readonly freshMs: number;
  /** How the quiesce ended: what was still moving when the checks ran. */
  readonly settle: {
    readonly ms: number;
    readonly boundMs: number;
    readonly missing: number;
    readonly unresolved: number;
    readonly queued: number;
  };
}

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly counts: string;
  readonly examples: readonly string[];
  readonly notes: readonly string[];
}

/** The trading mode after each version, from arming audit rows (`details.version`). */
export function modesFromAudit(
  rows: readonly { kind: string; details: Record<string, unknown> }[],
): Map<number, Mode> {
  const modes = new Map<number, Mode>([[0, 'PAPER']]);
  const modeOf: Record<string, Mode> = {
    'arming.confirmed': 'LIVE',
    'arming.disarmed': 'PAPER',
    'arming.expired': 'PAPER',
    'arming.released': 'PAPER',
    'arming.killed': 'HALTED',
  };
  for (const { kind, details } of rows) {
    const mode = modeOf[kind];
    if (mode === undefined || typeof details.version !== 'number') continue;
    if (details.alreadyHalted === true) continue;
    modes.set(details.version, mode);
  }
  return modes;
}
