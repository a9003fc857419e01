import type { Selectable } from 'kysely';

/**
 * `auth.refusal_windows`: gateway refusals counted per window and key, so a flood writes two audit rows
 * per key and window at most. `address` is `''` when the client address is unknown.
 */
export interface RefusalWindowsTable {
  window_start: Date;
  code: string;
  actor: string;
  address: string;
  route: string;
  count: number;
}

export type RefusalWindowRow = Selectable<RefusalWindowsTable>;
