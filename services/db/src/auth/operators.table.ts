import type { Generated, Selectable } from 'kysely';

/** `auth.operators`: people who log in to the dashboard. `password_hash` is `scrypt$N$r$p$salt$hash`. */
export interface OperatorsTable {
  name: string;
  role: 'operator' | 'viewer';
  password_hash: string;
  created_at: Generated<Date>;
  disabled_at: Date | null;
}

export type OperatorRow = Selectable<OperatorsTable>;
