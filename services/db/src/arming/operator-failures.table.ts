import type { Generated, Selectable } from 'kysely';

/** `arming.operator_failures`: refused `request`/`confirm` calls per operator, for the rate limit. */
export interface OperatorFailuresTable {
  id: Generated<string>;
  operator: string;
  verb: string;
  code: string;
  at: Date;
}

export type OperatorFailureRow = Selectable<OperatorFailuresTable>;
