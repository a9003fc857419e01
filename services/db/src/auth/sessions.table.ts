import type { Selectable } from 'kysely';

/** `auth.sessions`: dashboard login sessions. `id` is the sha256 (hex) of the cookie value, never the value. */
export interface SessionsTable {
  id: string;
  operator: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export type SessionRow = Selectable<SessionsTable>;
