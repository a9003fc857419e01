import type { ArmingVerb, ModeChanged } from '@livegate/contracts';
import type { AuditAppend, AuditRow, JsonObject, TradingStateRow } from '@livegate/db';
import type { ModeChange } from './mode-change.js';
import type { Refusal } from './refusal.js';

/** What a verb decided inside its transaction. */
export type Decision<T> =
  | {
      readonly ok: true;
      readonly result: T;
      readonly audit: AuditAppend;
      readonly change?: ModeChange;
    }
  | { readonly ok: false; readonly error: Refusal; readonly details?: JsonObject };

/** What to publish once the transaction has committed. */
export interface Effects {
  readonly audits: AuditRow[];
  readonly modeChanges: ModeChanged[];
}

export type Reply<T> = { ok: true; result: T } | { ok: false; error: Refusal };

export interface VerbOutcome<T> {
  readonly reply: Reply<T>;
  readonly effects: Effects;
  /** The trading state as committed. */
  readonly state: TradingStateRow;
}

export interface VerbCall {
  readonly verb: ArmingVerb;
  readonly operator: string;
}
