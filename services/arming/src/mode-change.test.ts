import { modeChangedSchema } from '@livegate/contracts';
import type { TradingStateRow } from '@livegate/db';
import { describe, expect, it } from 'vitest';
import { modeChangedEvent, PAPER_STATE } from './mode-change.js';

const at = new Date('2026-01-01T12:00:00Z');
const paper: TradingStateRow = {
  id: 1,
  ...PAPER_STATE,
  version: 4,
  updated_at: at,
};
const live: TradingStateRow = {
  ...paper,
  mode: 'LIVE',
  session_id: 's1',
  expires_at: new Date('2026-01-01T16:00:00Z'),
  version: 5,
};

describe('modeChangedEvent', () => {
  it('carries the session and its expiry when going LIVE', () => {
    const event = modeChangedEvent(paper, live, { operator: 'alice', reason: 'open', at });
    expect(modeChangedSchema.parse(event)).toEqual({
      mode: 'LIVE',
      previousMode: 'PAPER',
      version: 5,
      operator: 'alice',
      reason: 'open',
      sessionId: 's1',
      expiresAt: '2026-01-01T16:00:00.000Z',
      at: '2026-01-01T12:00:00.000Z',
    });
  });

  it('carries neither when leaving LIVE', () => {
    const event = modeChangedEvent(
      live,
      { ...paper, version: 6 },
      { operator: 'system', reason: 'expired', at },
    );
    expect(event).toEqual({
      mode: 'PAPER',
      previousMode: 'LIVE',
      version: 6,
      operator: 'system',
      reason: 'expired',
      at: '2026-01-01T12:00:00.000Z',
    });
  });
});
