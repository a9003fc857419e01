/**
 * `pnpm chaos [--intents N] [--seconds S] [--seed X] [--settle-s S] [--keep]`: the fault storm
 * (tests/chaos/README.md). Prints one PASS/FAIL line per invariant and, last, `N passed, M failed`;
 * exits 1 when a check failed, 2 when the storm itself could not run.
 */
import { parseStormArgs } from './options.js';
import { runStorm } from './storm.js';

try {
  const options = parseStormArgs(process.argv.slice(2), process.env);
  const outcome = await runStorm(options, (line) => console.log(line));
  process.exit(outcome.failed > 0 ? 1 : 0);
} catch (err) {
  console.error(
    `chaos: the storm could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  process.exit(2);
}
