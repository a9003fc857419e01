import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('starts at initialMs and doubles up to maxMs, where it stays', () => {
    const policy = { initialMs: 1_000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 100, 5_000].map((n) => backoffDelay(policy, n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('never waits less than initialMs or more than maxMs, even when maxMs is the smaller', () => {
    expect(backoffDelay({ initialMs: 500, maxMs: 100 }, 1)).toBe(500);
    expect(backoffDelay({ initialMs: 500, maxMs: 100 }, 9)).toBe(500);
  });

  it('takes off up to `jitter` of the wait, so instances retrying together drift apart', () => {
    const policy = { initialMs: 1_000, maxMs: 8_000, jitter: 0.2 };
    expect(backoffDelay(policy, 1, () => 0)).toBe(1_000);
    expect(backoffDelay(policy, 1, () => 0.5)).toBe(900);
    expect(backoffDelay(policy, 4, () => 0.999_999)).toBe(6_400);
    expect(backoffDelay({ initialMs: 3, maxMs: 3, jitter: 1 }, 1, () => 0.9)).toBe(1);
  });

  it('uses Math.random by default and stays within its bounds', () => {
    for (let i = 0; i < 50; i += 1) {
      const ms = backoffDelay({ initialMs: 100, maxMs: 100, jitter: 0.5 }, 3);
      expect(ms).toBeGreaterThanOrEqual(50);
      expect(ms).toBeLessThanOrEqual(100);
    }
  });

  it('refuses a policy or attempt that makes no sense', () => {
    expect(() => backoffDelay({ initialMs: 0, maxMs: 10 }, 1)).toThrow(RangeError);
    expect(() => backoffDelay({ initialMs: 1, maxMs: 10, jitter: 1.5 }, 1)).toThrow(RangeError);
    expect(() => backoffDelay({ initialMs: 1, maxMs: 10 }, 0)).toThrow(
      'attempt must be a whole number ≥ 1, got 0',
    );
  });
});
