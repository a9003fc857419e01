import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache.js';

function setup(results: Array<{ ok: true; value: number } | { ok: false; failure: string }>) {
  let t = 0;
  let loads = 0;
  const gates: Array<() => void> = [];
  const cache = createTtlCache<number, string>({
    ttlMs: 100,
    now: () => t,
    load: () => {
      const result = results[loads++] ?? { ok: false, failure: 'exhausted' };
      return new Promise((resolve) => gates.push(() => resolve(result)));
    },
  });
  const open = () => gates.splice(0).forEach((g) => g());
  return { cache, open, loads: () => loads, advance: (ms: number) => (t += ms) };
}

describe('createTtlCache', () => {
  it('loads once for concurrent callers and serves the value within the TTL', async () => {
    const s = setup([
      { ok: true, value: 1 },
      { ok: true, value: 2 },
    ]);
    const a = s.cache.get();
    const b = s.cache.get();
    s.open();
    expect(await a).toEqual({ ok: true, value: { value: 1, loadedAt: 0 } });
    expect(await b).toEqual(await a);
    s.advance(99);
    expect(await s.cache.get()).toMatchObject({ value: { value: 1 } });
    expect(s.loads()).toBe(1);
    s.advance(1);
    const c = s.cache.get();
    s.open();
    expect(await c).toMatchObject({ value: { value: 2, loadedAt: 100 } });
  });

  it('does not cache failures, keeps the old value to peek at, and honours maxAgeMs', async () => {
    const s = setup([
      { ok: true, value: 1 },
      { ok: false, failure: 'down' },
      { ok: true, value: 3 },
    ]);
    const first = s.cache.get();
    s.open();
    await first;
    const forced = s.cache.get({ maxAgeMs: 0 });
    s.open();
    expect(await forced).toEqual({ ok: false, failure: 'down' });
    expect(s.cache.peek()).toEqual({ value: 1, loadedAt: 0 });
    const again = s.cache.get({ maxAgeMs: 0 });
    s.open();
    expect(await again).toMatchObject({ ok: true, value: { value: 3 } });
  });

  it('invalidate drops the value, and a load that started before it is not kept', async () => {
    const s = setup([
      { ok: true, value: 1 },
      { ok: true, value: 2 },
    ]);
    const stale = s.cache.get();
    s.cache.invalidate();
    s.open();
    expect(await stale).toMatchObject({ ok: true, value: { value: 1 } });
    expect(s.cache.peek()).toBeUndefined();
    const fresh = s.cache.get();
    s.open();
    expect(await fresh).toMatchObject({ value: { value: 2 } });
    expect(s.cache.peek()).toMatchObject({ value: 2 });
  });
});
