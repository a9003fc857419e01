import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Clock } from './clock.svelte.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

it('ticks while started and stands still once stopped', () => {
  const clock = new Clock();
  clock.start(250);
  clock.start(250); // idempotent: one interval only
  vi.advanceTimersByTime(1_000);
  expect(clock.now).toBe(1_001_000);
  expect(vi.getTimerCount()).toBe(1);
  clock.stop();
  vi.advanceTimersByTime(1_000);
  expect(clock.now).toBe(1_001_000);
  expect(vi.getTimerCount()).toBe(0);
});
