import { describe, expect, it } from 'vitest';
import { notPlacedDecidable, notPlacedWaitMs } from './not-placed.js';

const sent = new Date('2026-01-01T00:00:00.000Z');
const base = { lastSentAt: sent, recvWindowMs: 5_000, clockMarginMs: 1_000 };
const after = (ms: number) => new Date(sent.getTime() + ms);

describe('notPlacedDecidable', () => {
  it('never decides without a not-found', () => {
    expect(notPlacedDecidable({ ...base, notFoundCount: 0, now: after(60_000) })).toBe(false);
    expect(notPlacedDecidable({ ...base, lastSentAt: null, notFoundCount: 0, now: sent })).toBe(
      false,
    );
  });

  it('waits for recvWindow plus the clock margin, even with many not-founds', () => {
    expect(notPlacedDecidable({ ...base, notFoundCount: 5, now: after(5_999) })).toBe(false);
    expect(notPlacedDecidable({ ...base, notFoundCount: 2, now: after(6_000) })).toBe(true);
    expect(notPlacedDecidable({ ...base, notFoundCount: 2, now: sent.getTime() + 6_000 })).toBe(
      true,
    );
  });

  it('needs a repeated lookup to agree once the window has passed', () => {
    expect(notPlacedDecidable({ ...base, notFoundCount: 1, now: after(60_000) })).toBe(false);
  });

  it('decides on one not-found when nothing can be in flight', () => {
    expect(notPlacedDecidable({ ...base, lastSentAt: null, notFoundCount: 1, now: sent })).toBe(
      true,
    );
  });
});

describe('notPlacedWaitMs', () => {
  it('is the time left until the window and margin have passed, never negative', () => {
    expect(notPlacedWaitMs({ ...base, now: after(1_500) })).toBe(4_500);
    expect(notPlacedWaitMs({ ...base, now: after(9_000) })).toBe(0);
    expect(notPlacedWaitMs({ ...base, lastSentAt: null, now: sent })).toBe(0);
  });
});
