import type { Trx } from './db.js';

export interface NewLiveSession {
  readonly id: string;
  readonly tokenId: string;
  readonly operator: string;
  readonly requestedBy: string;
  readonly reason: string;
  readonly startedAt: Date;
  readonly expiresAt: Date;
}

export async function insertLiveSession(trx: Trx, s: NewLiveSession): Promise<void> {
  await trx
    .insertInto('arming.live_sessions')
    .values({
      id: s.id,
      token_id: s.tokenId,
      operator: s.operator,
      requested_by: s.requestedBy,
      reason: s.reason,
      started_at: s.startedAt,
      expires_at: s.expiresAt,
    })
    .execute();
}

export interface SessionEnd {
  readonly at: Date;
  readonly by: string;
  readonly reason: string;
}

export async function endLiveSession(trx: Trx, id: string, end: SessionEnd): Promise<void> {
  await trx
    .updateTable('arming.live_sessions')
    .set({ ended_at: end.at, ended_by: end.by, end_reason: end.reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}
