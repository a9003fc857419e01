import { describe, expect, it } from 'vitest';
import { armingOf, decideNewIntent, futureReason, staleReason } from './intent-checks.js';

const now = Date.parse('2026-01-01T00:01:00Z');
const later = new Date(now + 1);
const fresh = { createdAt: '2026-01-01T00:00:59Z' };

describe('armingOf', () => {
  it('counts LIVE as armed only before its expiry', () => {
    expect(armingOf({ mode: 'LIVE', session_id: 's1', expires_at: later }, now)).toEqual({
      mode: 'LIVE',
      armed: true,
      sessionId: 's1',
    });
    expect(armingOf({ mode: 'LIVE', session_id: 's1', expires_at: new Date(now) }, now)).toEqual({
      mode: 'LIVE',
      armed: false,
      sessionId: null,
    });
    expect(armingOf({ mode: 'LIVE', session_id: 's1', expires_at: null }, now).armed).toBe(false);
    expect(armingOf({ mode: 'PAPER', session_id: null, expires_at: null }, now).armed).toBe(false);
  });
});

describe('staleReason', () => {
  it('is stale past expiresAt or the max age, fresh otherwise', () => {
    expect(staleReason(fresh, now, 30_000)).toBeUndefined();
    expect(
      staleReason({ ...fresh, expiresAt: '2026-01-01T00:01:01Z' }, now, 30_000),
    ).toBeUndefined();
    expect(staleReason({ ...fresh, expiresAt: '2026-01-01T00:01:00Z' }, now, 30_000)).toBe(
      'The intent expired at 2026-01-01T00:01:00Z.',
    );
    expect(staleReason({ createdAt: '2026-01-01T00:00:00Z' }, now, 30_000)).toBe(
      'The intent is 60 s old; intents older than 30 s are not sent.',
    );
  });
});

describe('decideNewIntent', () => {
  const armed = { mode: 'LIVE' as const, armed: true, sessionId: 's1' };
  it('sends a fresh paper intent whatever the mode', () => {
    expect(
      decideNewIntent({
        intent: { mode: 'paper', ...fresh },
        arming: undefined,
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toEqual({ state: 'SUBMITTING', sessionId: null });
  });

  it('sends a live intent only while armed, naming the session', () => {
    expect(
      decideNewIntent({
        intent: { mode: 'live', ...fresh },
        arming: armed,
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toEqual({ state: 'SUBMITTING', sessionId: 's1' });
    expect(
      decideNewIntent({
        intent: { mode: 'live', ...fresh },
        arming: { mode: 'PAPER', armed: false, sessionId: null },
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toMatchObject({ state: 'REJECTED', code: 'NOT_ARMED' });
    expect(
      decideNewIntent({
        intent: { mode: 'live', ...fresh },
        arming: undefined,
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toMatchObject({ state: 'REJECTED', code: 'NOT_ARMED' });
    expect(
      decideNewIntent({
        intent: { mode: 'live', ...fresh },
        arming: { mode: 'HALTED', armed: false, sessionId: null },
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toMatchObject({ state: 'REJECTED', code: 'HALTED' });
  });

  it('refuses a stale intent, after the arming checks', () => {
    const old = { createdAt: '2026-01-01T00:00:00Z' };
    expect(
      decideNewIntent({
        intent: { mode: 'live', ...old },
        arming: armed,
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toMatchObject({ state: 'REJECTED', code: 'STALE' });
    expect(
      decideNewIntent({
        intent: { mode: 'live', ...old },
        arming: { mode: 'PAPER', armed: false, sessionId: null },
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toMatchObject({ code: 'NOT_ARMED' });
  });

  it('refuses an intent dated ahead of the clock beyond the margin, before anything else', () => {
    const ahead = { createdAt: '2026-01-02T00:01:00Z' }; // a day ahead: never stale by age
    expect(
      decideNewIntent({
        intent: { mode: 'live', ...ahead },
        arming: armed,
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toMatchObject({ state: 'REJECTED', code: 'FUTURE_DATED' });
    const slightly = { createdAt: '2026-01-01T00:01:02Z' };
    expect(
      decideNewIntent({
        intent: { mode: 'paper', ...slightly },
        arming: undefined,
        now,
        maxAgeMs: 30_000,
        futureMarginMs: 2_000,
      }),
    ).toEqual({ state: 'SUBMITTING', sessionId: null });
  });
});

describe('futureReason', () => {
  it('names how far ahead the intent is dated', () => {
    expect(futureReason({ createdAt: '2026-01-01T00:01:02.001Z' }, now, 2_000)).toBe(
      "The intent is dated 3 s ahead of the gate's clock (createdAt 2026-01-01T00:01:02.001Z); more than 2 s ahead is refused: check the strategy's clock.",
    );
    expect(futureReason({ createdAt: '2026-01-01T00:01:02Z' }, now, 2_000)).toBeUndefined();
  });
});
