import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A seeded PRNG (mulberry32): the same seed gives the same keys, ids and random walk. */
export function createRandom(seed: number = randomInt(2 ** 31)) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** Uniform in [0, 1). */
    next,
    /** `length` characters of [A-Za-z0-9] (Binance-generated client order ids are 22 long). */
    alphanumeric(length: number): string {
      let out = '';
      for (let i = 0; i < length; i++)
        out += ALPHANUMERIC[Math.floor(next() * ALPHANUMERIC.length)];
      return out;
    },
  };
}

export type Random = ReturnType<typeof createRandom>;
