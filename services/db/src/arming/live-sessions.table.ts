import type { Selectable } from 'kysely';

/**
 * `arming.live_sessions`: one row per armed live session — who confirmed it (`operator`), whose token
 * it used (`requested_by`, differs under four-eyes), when it started and expires, and when, by whom
 * and why it ended. The database allows at most one open session (`ended_at is null`) and one session
 * per token.
 */
export interface LiveSessionsTable {
  id: string;
  token_id: string;
  operator: string;
  requested_by: string;
  reason: string;
  started_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  ended_by: string | null;
  end_reason: string | null;
}

export type LiveSessionRow = Selectable<LiveSessionsTable>;
