import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesced.js';

describe('coalesced', () => {
  it('runs one load at a time; calls during a load make one more run after it', async () => {
    const started: Array<() => void> = [];
    let loads = 0;
    const reload = coalesced(
      () =>
        new Promise<void>((resolve) => {
          loads += 1;
          started.push(resolve);
        }),
    );
    const first = reload();
    const second = reload();
    const third = reload();
    expect(loads).toBe(1);
    expect(second).toBe(third);
    started[0]?.();
    await first;
    await Promise.resolve();
    expect(loads).toBe(2);
    started[1]?.();
    await second;
    // Idle again: the next call loads at once.
    const fourth = reload();
    expect(loads).toBe(3);
    started[2]?.();
    await fourth;
  });

  it('a call during a failed load still gets its own load, and so does the next burst', async () => {
    let loads = 0;
    const reload = coalesced(async () => {
      loads += 1;
      if (loads === 1) throw new Error('down');
    });
    const failed = reload();
    const after = reload();
    await expect(failed).rejects.toThrow('down');
    await after;
    expect(loads).toBe(2);
    const next = reload();
    const during = reload();
    await Promise.all([next, during]);
    expect(loads).toBe(4);
  });
});
