import { createLogger } from '@livegate/runtime';
import { runMigrateCli } from './migrate-cli.js';

// `pnpm db:migrate [--down]`. DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/livegate.
const logger = createLogger({ service: 'db-migrate', pretty: process.stdout.isTTY === true });
const { exitCode, line } = await runMigrateCli({
  argv: process.argv.slice(2),
  env: process.env,
  logger,
});
if (exitCode === 0) console.log(`db:migrate: ${line}`);
else console.error(`db:migrate: ${line}`);
process.exitCode = exitCode;
