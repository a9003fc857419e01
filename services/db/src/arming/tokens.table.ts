import type { Generated, Selectable } from 'kysely';

/**
 * `arming.tokens`: arm tokens handed out by `arming.request`. Only the sha256 of a token is stored
 * (`token_hash`, 64 lowercase hex); the token itself is returned once and never kept. A token is
 * single-use (`used_at`), bound to the requesting `operator`, and `superseded_at` is set when the same
 * operator asks again before using it.
 */
export interface ArmTokensTable {
  id: Generated<string>;
  token_hash: string;
  operator: string;
  reason: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
  superseded_at: Date | null;
}

export type ArmTokenRow = Selectable<ArmTokensTable>;
