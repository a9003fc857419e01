import { createLogger } from '@livegate/runtime';
import { runAuditCli } from './cli.js';

// `pnpm audit:verify` and `pnpm audit:anchor`: one sentence a line on stdout (stderr when it failed).
const logger = createLogger({
  service: 'audit',
  level: 'warn',
  pretty: process.stdout.isTTY === true,
});
const { exitCode, lines } = await runAuditCli({
  argv: process.argv.slice(2),
  env: process.env,
  logger,
});
for (const line of lines) (exitCode === 0 ? console.log : console.error)(`audit: ${line}`);
process.exitCode = exitCode;
