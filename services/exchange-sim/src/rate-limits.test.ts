import { describe, expect, it } from 'vitest';
import { createRateLimiter, DEFAULT_LIMITS } from './rate-limits.js';

function limiter(overrides: Partial<typeof DEFAULT_LIMITS> = {}, start = 1_700_000_000_000) {
  const time = { now: start };
  const rl = createRateLimiter({
    limits: { ...DEFAULT_LIMITS, ...overrides },
    clock: () => time.now,
  });
  return { rl, time };
}

describe('request weight', () => {
  it('adds weight per minute window and resets on the next minute', () => {
    const { rl, time } = limiter({}, 60_000 * 1000 + 10_000);
    expect(rl.admitRequest(20)).toEqual({ ok: true, value: 20 });
    expect(rl.admitRequest(1)).toEqual({ ok: true, value: 21 });
    expect(rl.usedWeight()).toBe(21);
    time.now += 50_000;
    expect(rl.usedWeight()).toBe(0);
  });

  it('answers 429 -1003 with Retry-After to the end of the minute past the limit', () => {
    const { rl } = limiter({ requestWeightPerMinute: 10 }, 60_000 * 1000 + 15_500);
    expect(rl.admitRequest(10).ok).toBe(true);
    expect(rl.admitRequest(1)).toEqual({
      ok: false,
      error: {
        status: 429,
        code: -1003,
        msg: 'Too much request weight used; current limit is 10 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
        headers: { 'Retry-After': '45' },
      },
    });
  });

  it('bans with 418 after repeated 429s and lifts the ban after banMs', () => {
    const start = 60_000 * 1000;
    const { rl, time } = limiter(
      { requestWeightPerMinute: 1, banAfter429s: 2, banMs: 30_000 },
      start,
    );
    rl.admitRequest(1);
    expect(rl.admitRequest(1).ok).toBe(false);
    expect(rl.admitRequest(1).ok).toBe(false);
    const banned = rl.admitRequest(1);
    expect(banned).toEqual({
      ok: false,
      error: {
        status: 418,
        code: -1003,
        msg: `Way too much request weight used; IP banned until ${start + 30_000}. Please use WebSocket Streams for live updates to avoid bans.`,
        headers: { 'Retry-After': '30' },
      },
    });
    time.now += 10_000;
    expect(rl.checkBan()?.headers).toEqual({ 'Retry-After': '20' });
    time.now += 20_000;
    expect(rl.checkBan()).toBeUndefined();
  });
});

describe('order counts', () => {
  it('counts orders per account in 10 s and 1 day windows, refusing with 429 -1015', () => {
    const { rl, time } = limiter({ ordersPer10s: 2, ordersPerDay: 3 }, 86_400_000 * 20_000 + 1_000);
    expect(rl.admitOrder('A')).toEqual({ ok: true, value: { tenSeconds: 1, day: 1 } });
    expect(rl.admitOrder('A')).toEqual({ ok: true, value: { tenSeconds: 2, day: 2 } });
    expect(rl.admitOrder('B').ok).toBe(true);
    expect(rl.admitOrder('A')).toEqual({
      ok: false,
      error: {
        status: 429,
        code: -1015,
        msg: 'Too many new orders; current limit is 2 orders per 10 SECOND.',
        headers: { 'Retry-After': '9' },
      },
    });
    time.now += 10_000;
    expect(rl.orderCounts('A')).toEqual({ tenSeconds: 0, day: 2 });
    expect(rl.admitOrder('A').ok).toBe(true);
    time.now += 10_000;
    const dayFull = rl.admitOrder('A');
    expect(dayFull.ok ? undefined : dayFull.error.msg).toBe(
      'Too many new orders; current limit is 3 orders per 1 DAY.',
    );
  });

  it('gives one unit back on an order first fill, never below zero, and forgets everything on reset', () => {
    const { rl } = limiter({ requestWeightPerMinute: 1, banAfter429s: 0 });
    rl.admitOrder('A');
    rl.orderFilled('A');
    rl.orderFilled('A');
    expect(rl.orderCounts('A')).toEqual({ tenSeconds: 0, day: 0 });
    rl.admitOrder('A');
    rl.admitRequest(5);
    expect(rl.checkBan()?.code).toBe(-1003);
    rl.reset();
    expect(rl.orderCounts('A')).toEqual({ tenSeconds: 0, day: 0 });
    expect(rl.usedWeight()).toBe(0);
    expect(rl.checkBan()).toBeUndefined();
  });
});
