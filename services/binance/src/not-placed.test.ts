import { describe, expect, it } from 'vitest';
import { notPlacedDecidable, notPlacedWaitMs } from './not-placed.js';

const sent = new Date('2026-01-01T00:00:00.000Z');
// In flight until 500 (send budget) + 5000 (recvWindow) + 1000 (margin) = 6.5 s after the fence.
const base = {
  lastSentAt: sent,
  sendBudgetMs: 500,
  recvWindowMs: 5_000,
  clockMarginMs: 1_000,
  confirmMs: 0,
};
const after = (ms: number) => new Date(sent.getTime() + ms);

describe('notPlacedDecidable', () => {
  it('never decides without a not-found', () => {
    expect(notPlacedDecidable({ ...base, notFoundCount: 0, now: after(60_000) })).toBe(false);
    expect(notPlacedDecidable({ ...base, lastSentAt: null, notFoundCount: 0, now: sent })).toBe(
      false,
    );
  });

  it('waits for the send budget, recvWindow and the clock margin, even with many not-founds', () => {
    expect(notPlacedDecidable({ ...base, notFoundCount: 5, now: after(6_499) })).toBe(false);
    expect(notPlacedDecidable({ ...base, notFoundCount: 2, now: after(6_500) })).toBe(true);
    expect(notPlacedDecidable({ ...base, notFoundCount: 2, now: sent.getTime() + 6_500 })).toBe(
      true,
    );
  });

  it('needs a repeated lookup to agree once the window has passed', () => {
    expect(notPlacedDecidable({ ...base, notFoundCount: 1, now: after(60_000) })).toBe(false);
  });

  it('keeps asking for confirmMs after the window: a lagging read path answers -2013 for a while', () => {
    const lagging = { ...base, confirmMs: 10_000 };
    expect(notPlacedDecidable({ ...lagging, notFoundCount: 8, now: after(16_499) })).toBe(false);
    expect(notPlacedDecidable({ ...lagging, notFoundCount: 2, now: after(16_500) })).toBe(true);
  });

  it('decides on one not-found when nothing can be in flight', () => {
    expect(notPlacedDecidable({ ...base, lastSentAt: null, notFoundCount: 1, now: sent })).toBe(
      true,
    );
  });
});

describe('notPlacedWaitMs', () => {
  it('is the time left until the in-flight window has passed, never negative', () => {
    expect(notPlacedWaitMs({ ...base, now: after(1_500) })).toBe(5_000);
    expect(notPlacedWaitMs({ ...base, now: after(9_000) })).toBe(0);
    expect(notPlacedWaitMs({ ...base, lastSentAt: null, now: sent })).toBe(0);
  });
});
