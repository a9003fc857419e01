import type { TradingStateRow } from '@livegate/db';
import { describe, expect, it } from 'vitest';
import { dueForExpiry, liveWindow } from './live-window.js';

const expiresAt = new Date('2026-01-01T16:00:00Z');
const live: TradingStateRow = {
  id: 1,
  mode: 'LIVE',
  session_id: 's1',
  expires_at: expiresAt,
  version: 3,
  halted_by: null,
  halt_reason: null,
  updated_at: new Date('2026-01-01T12:00:00Z'),
};

describe('liveWindow', () => {
  it('is the session of a LIVE row only', () => {
    expect(liveWindow(live)).toEqual({ sessionId: 's1', expiresAt });
    expect(liveWindow({ ...live, mode: 'PAPER' })).toBeUndefined();
  });

  it('treats a LIVE row without session or expiry as not armed', () => {
    expect(liveWindow({ ...live, session_id: null })).toBeUndefined();
    expect(liveWindow({ ...live, expires_at: null })).toBeUndefined();
  });
});

describe('dueForExpiry', () => {
  it('is due from the expiry instant on', () => {
    expect(dueForExpiry(live, new Date(expiresAt.getTime() - 1))).toBeUndefined();
    expect(dueForExpiry(live, expiresAt)).toEqual({ sessionId: 's1', expiresAt });
    expect(dueForExpiry({ ...live, mode: 'HALTED' }, expiresAt)).toBeUndefined();
  });
});
