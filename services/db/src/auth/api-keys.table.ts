import type { Generated, Selectable } from 'kysely';

/** `auth.api_keys`: keys for strategies calling the HTTP API (role `strategy`); only the sha256 is stored. */
export interface ApiKeysTable {
  id: string;
  label: string;
  key_hash: string;
  role: Generated<'strategy'>;
  /** The one strategy the key is (`orders.intent.<source>`); NULL for keys issued before sources. */
  source: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export type ApiKeyRow = Selectable<ApiKeysTable>;
