import type { IntentMode, RiskLimitKind } from '@livegate/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

type Numeric = ColumnType<string, string, string>;
type NullableNumeric = ColumnType<string | null, string | null, string | null>;

/**
 * `risk.limits` (migration 0019): one row per pre-trade limit in force, per venue (`paper` | `live`)
 * and strategy (`source`); no row = no limit. Written by the gateway (operators), read by execution in
 * the fenced step. `asset` is the quote asset for `max_order_notional`, the base asset for
 * `max_position`, and '' for the other kinds. `value` is numeric (a decimal string); the count kinds
 * hold whole numbers.
 */
export interface RiskLimitsTable {
  venue: IntentMode;
  source: string;
  kind: RiskLimitKind;
  asset: ColumnType<string, string | undefined, string>;
  value: Numeric;
  updated_by: string;
  updated_at: Generated<Date>;
}
export type RiskLimitRow = Selectable<RiskLimitsTable>;

/**
 * `risk.limit_proposals`: a limit change proposed under four-eyes (`RISK_REQUIRE_SECOND_OPERATOR`),
 * applied when a different operator approves it. `value` null proposes removing the limit.
 */
export interface RiskLimitProposalsTable {
  id: Generated<string>;
  venue: IntentMode;
  source: string;
  kind: RiskLimitKind;
  asset: ColumnType<string, string | undefined, string>;
  value: NullableNumeric;
  reason: string;
  proposed_by: string;
  proposed_at: Generated<Date>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decision: ColumnType<
    'approved' | 'rejected' | null,
    'approved' | 'rejected' | null | undefined,
    'approved' | 'rejected' | null
  >;
}
export type RiskLimitProposalRow = Selectable<RiskLimitProposalsTable>;

/**
 * `risk.paused` (migration 0026): a strategy paused on a venue after `breaches` risk limit refusals
 * within the window of `pause_after_breaches`. Written by execution in the fenced step that reached the
 * limit; deleted by the gateway when an operator resumes the strategy.
 */
export interface RiskPausedTable {
  venue: IntentMode;
  source: string;
  breaches: number;
  reason: string;
  paused_at: Generated<Date>;
}
export type RiskPausedRow = Selectable<RiskPausedTable>;
