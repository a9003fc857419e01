import type { ModeSnapshot, TradingMode } from '@livegate/contracts';
import type { Queryable } from './db.js';
import { isReconcileBlocked } from './reconcile-gate.repository.js';

export interface SnapshotRow {
  readonly mode: TradingMode;
  readonly version: number;
  readonly halted_by: string | null;
  readonly halt_reason: string | null;
  readonly session_id: string | null;
  readonly session_operator: string | null;
  readonly started_at: Date | null;
  readonly expires_at: Date | null;
}

/** The ModeSnapshot of a trading-state row joined with its session. */
export function toSnapshot(row: SnapshotRow, reconcileBlocked: boolean): ModeSnapshot {
  const { session_id: id, session_operator: operator, started_at, expires_at } = row;
  return {
    mode: row.mode,
    version: row.version,
    ...(id !== null &&
      operator !== null &&
      started_at !== null &&
      expires_at !== null && {
        session: {
          id,
          operator,
          startedAt: started_at.toISOString(),
          expiresAt: expires_at.toISOString(),
        },
      }),
    ...(row.halted_by !== null && { haltedBy: row.halted_by }),
    ...(row.halt_reason !== null && { haltReason: row.halt_reason }),
    reconcileBlocked,
  };
}

/** The current mode as `arming.status` answers it. */
export async function readSnapshot(db: Queryable): Promise<ModeSnapshot> {
  const row = await db
    .selectFrom('arming.trading_state as s')
    .leftJoin('arming.live_sessions as l', 'l.id', 's.session_id')
    .select([
      's.mode',
      's.version',
      's.halted_by',
      's.halt_reason',
      's.expires_at',
      'l.id as session_id',
      'l.operator as session_operator',
      'l.started_at',
    ])
    .where('s.id', '=', 1)
    .executeTakeFirstOrThrow();
  return toSnapshot(row, await isReconcileBlocked(db));
}
