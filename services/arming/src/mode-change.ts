import type { ModeChanged } from '@livegate/contracts';
import { queueModeChange, type TradingStateRow } from '@livegate/db';
import type { Trx } from './db.js';
import { writeTradingState, type NextTradingState } from './trading-state.repository.js';

export interface ModeChange {
  readonly state: TradingStateRow;
  readonly event: ModeChanged;
}

export interface Why {
  readonly operator: string;
  readonly reason: string;
  readonly at: Date;
}

/** The `mode.changed` event for a committed transition from `previous` to `state`. */
export function modeChangedEvent(
  previous: TradingStateRow,
  state: TradingStateRow,
  why: Why,
): ModeChanged {
  return {
    mode: state.mode,
    previousMode: previous.mode,
    version: state.version,
    operator: why.operator,
    reason: why.reason,
    ...(state.session_id !== null && { sessionId: state.session_id }),
    ...(state.expires_at !== null && { expiresAt: state.expires_at.toISOString() }),
    at: why.at.toISOString(),
  };
}

/**
 * Writes the next trading state (version + 1) and queues its `mode.changed` in the outbox, in the
 * same transaction: the event leaves with the commit or not at all (the relay retries until the bus
 * has it).
 */
export async function changeMode(
  trx: Trx,
  previous: TradingStateRow,
  next: NextTradingState,
  why: Why,
): Promise<ModeChange> {
  const state = await writeTradingState(trx, next, why.at);
  const event = modeChangedEvent(previous, state, why);
  await queueModeChange(trx, event);
  return { state, event };
}

export const PAPER_STATE: NextTradingState = Object.freeze({
  mode: 'PAPER',
  session_id: null,
  expires_at: null,
  halted_by: null,
  halt_reason: null,
});
