import type { ModeChanged, ModeSnapshot } from '@livegate/contracts';

/**
 * The trading mode as the dashboard shows it. Snapshots and `mode.changed` events carry a `version`
 * that grows with every change, so an older message arriving late never overwrites a newer one.
 */
export class ModeStore {
  snapshot = $state<ModeSnapshot | undefined>(undefined);

  /**
   * Takes a full snapshot (an HTTP answer, or the websocket's first frame). `authoritative` (the
   * websocket snapshot, sent right after connecting) wins even over a higher version we hold.
   * Returns whether it was taken.
   */
  replace(next: ModeSnapshot | null, { authoritative = false } = {}): boolean {
    if (next === null) return false;
    const held = this.snapshot;
    if (!authoritative && held !== undefined && next.version < held.version) return false;
    this.snapshot = next;
    return true;
  }

  /** Applies a `mode.changed` event unless we already hold that version or a newer one. */
  applyChange(change: ModeChanged): void {
    const held = this.snapshot;
    if (held !== undefined && change.version <= held.version) return;
    this.snapshot = {
      mode: change.mode,
      version: change.version,
      session:
        change.mode === 'LIVE' && change.sessionId !== undefined && change.expiresAt !== undefined
          ? {
              id: change.sessionId,
              operator: change.operator,
              startedAt: change.at,
              expiresAt: change.expiresAt,
            }
          : undefined,
      haltedBy: change.mode === 'HALTED' ? change.operator : undefined,
      haltReason: change.mode === 'HALTED' ? change.reason : undefined,
      reconcileBlocked: held?.reconcileBlocked ?? false,
    };
  }

  clear(): void {
    this.snapshot = undefined;
  }
}
