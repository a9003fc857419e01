import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RetryLoop } from './retry.svelte.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-01-31T12:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(results: (boolean | Error)[]) {
  const attempt = vi.fn(async () => {
    const next = results.shift() ?? false;
    if (next instanceof Error) throw next;
    return next;
  });
  const loop = new RetryLoop({ attempt, initialDelayMs: 1_000, maxDelayMs: 4_000 });
  return { loop, attempt };
}

describe('RetryLoop', () => {
  it('tries after a growing pause, capped, says when the next try is due, and stops once one works', async () => {
    const { loop, attempt } = setup([false, new Error('boom'), false, false, true]);
    loop.start();
    loop.start();
    expect(loop.nextAt).toBe(Date.now() + 1_000);
    const delays: number[] = [];
    while (!loop.succeeded) {
      const due = loop.nextAt!;
      delays.push(due - Date.now());
      await vi.advanceTimersByTimeAsync(due - Date.now());
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 4_000, 4_000]);
    expect(attempt).toHaveBeenCalledTimes(5);
    expect(loop.attempts).toBe(5);
    expect(loop.nextAt).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('"try now" tries at once, not twice at a time, and not when stopped', async () => {
    let release: (ok: boolean) => void = () => {};
    const attempt = vi.fn(() => new Promise<boolean>((resolve) => (release = resolve)));
    const loop = new RetryLoop({ attempt });
    await loop.tryNow();
    expect(attempt).not.toHaveBeenCalled();
    loop.start();
    const first = loop.tryNow();
    expect(loop.trying).toBe(true);
    expect(loop.nextAt).toBeUndefined();
    await loop.tryNow();
    expect(attempt).toHaveBeenCalledTimes(1);
    release(false);
    await first;
    expect(loop.trying).toBe(false);
    expect(loop.nextAt).toBeDefined();
    loop.stop();
  });

  it('a try that ends after stop() schedules nothing', async () => {
    let release: (ok: boolean) => void = () => {};
    const loop = new RetryLoop({ attempt: () => new Promise<boolean>((r) => (release = r)) });
    loop.start();
    await vi.advanceTimersByTimeAsync(1_000);
    loop.stop();
    release(false);
    await vi.runAllTimersAsync();
    expect(loop.nextAt).toBeUndefined();
    expect(loop.succeeded).toBe(false);
  });
});
