import { modeSnapshotSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { toSnapshot, type SnapshotRow } from './snapshot.js';

const started = new Date('2026-01-01T12:00:00Z');
const expires = new Date('2026-01-01T16:00:00Z');
const paper: SnapshotRow = {
  mode: 'PAPER',
  version: 0,
  halted_by: null,
  halt_reason: null,
  session_id: null,
  session_operator: null,
  started_at: null,
  expires_at: null,
};
const live: SnapshotRow = {
  ...paper,
  mode: 'LIVE',
  version: 1,
  session_id: 's1',
  session_operator: 'alice',
  started_at: started,
  expires_at: expires,
};

describe('toSnapshot', () => {
  it('gives PAPER with nothing else, and the gate', () => {
    expect(toSnapshot(paper, true)).toEqual({ mode: 'PAPER', version: 0, reconcileBlocked: true });
  });

  it('gives LIVE with its session', () => {
    const snap = toSnapshot(live, false);
    expect(modeSnapshotSchema.parse(snap)).toEqual({
      mode: 'LIVE',
      version: 1,
      session: {
        id: 's1',
        operator: 'alice',
        startedAt: started.toISOString(),
        expiresAt: expires.toISOString(),
      },
      reconcileBlocked: false,
    });
  });

  it('gives HALTED with who and why', () => {
    expect(
      toSnapshot({ ...paper, mode: 'HALTED', halted_by: 'bob', halt_reason: 'runaway' }, false),
    ).toEqual({
      mode: 'HALTED',
      version: 0,
      haltedBy: 'bob',
      haltReason: 'runaway',
      reconcileBlocked: false,
    });
  });

  it('leaves out a session it cannot describe whole', () => {
    for (const gap of ['session_id', 'session_operator', 'started_at', 'expires_at'] as const) {
      expect(toSnapshot({ ...live, [gap]: null }, false).session).toBeUndefined();
    }
  });
});
