import { createLogger } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import type { QueryOutcome } from './outcome.js';
import { createServerClock } from './server-clock.js';

describe('server clock', () => {
  it('adds the offset measured at the round-trip midpoint, sharing one measurement between callers', async () => {
    let t = 10_000;
    let fetches = 0;
    const clock = createServerClock({
      now: () => t,
      ttlMs: 1_000,
      logger: createLogger({ service: 't', level: 'silent' }),
      fetchServerTime: async (): Promise<QueryOutcome<number>> => {
        fetches += 1;
        t += 100; // a 100 ms round trip: the server answered at our 10_050
        return { kind: 'ok', value: 12_050 };
      },
    });
    expect(clock.now()).toBe(10_000);
    const [a, b] = await Promise.all([clock.sync(), clock.sync()]);
    expect(a).toEqual({ kind: 'ok', value: { offsetMs: 2_000 } });
    expect(b).toEqual(a);
    expect(fetches).toBe(1);
    expect(clock.now()).toBe(12_100);
    await clock.ensureFresh();
    expect(fetches).toBe(1);
    clock.markStale();
    await clock.ensureFresh();
    expect(fetches).toBe(2);
  });
});
