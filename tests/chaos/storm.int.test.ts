import { expect, inject, it } from 'vitest';
import '../harness/src/provided.js';
import { SHORT } from './options.js';
import { runStorm } from './storm.js';

/**
 * The short fault storm (tests/chaos/README.md): the same storm as `pnpm chaos` with small numbers,
 * about a minute on 2 cores. CHAOS_SEED replays a failing run's seed (printed on its first line).
 */
it('short fault storm: every invariant holds', async () => {
  const seed = Number(process.env.CHAOS_SEED ?? 1);
  const outcome = await runStorm(
    { ...SHORT, seed, adminUrl: inject('pgAdminUrl'), keep: false },
    (line) => console.log(line),
  );
  expect(outcome.results.filter((r) => !r.ok).map((r) => `FAIL ${r.name}: ${r.counts}`)).toEqual(
    [],
  );
  expect(outcome.lines.at(-1)).toBe(`${outcome.results.length} passed, 0 failed`);
}, 180_000);
