/**
 * `pnpm bench`: runs the exported `run()` of every `*.bench.ts` in this folder, in name order.
 * Speed targets live here, never in timed unit tests (GLOBAL_RULES 11).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const folder = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const benches = readdirSync(folder)
  .filter((name) => name.endsWith('.bench.ts') && (only === undefined || name.includes(only)))
  .sort();

for (const name of benches) {
  const mod = (await import(pathToFileURL(join(folder, name)).href)) as {
    run?: () => Promise<void>;
  };
  if (typeof mod.run !== 'function')
    throw new Error(`${name} does not export async function run()`);
  console.log(`\n== ${name}`);
  await mod.run();
}
