import { createDb } from '@livegate/db';
import { loadArmingConfig } from '../config.js';
import { describeHalt, halt, parseHaltArgs } from './halt.js';

// `pnpm halt --reason <text>`: latch HALTED straight in the database (see halt.ts and the runbook).
const args = parseHaltArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(`halt: ${args.message}`);
  process.exit(2);
}
const config = loadArmingConfig(process.env);
const db = createDb({ url: config.databaseUrl });
try {
  const reply = await halt({ db, rules: config, reason: args.reason });
  console.log(describeHalt(reply));
  process.exitCode = reply.ok ? 0 : 1;
} catch (err) {
  console.error(`halt: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
