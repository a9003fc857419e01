import { runBusConfigCli } from './auth/config-cli.js';

// `pnpm bus:config --dir <dir> ...`: NATS credentials and the server config (see auth/config-cli.ts).
const { exitCode, line } = await runBusConfigCli(process.argv.slice(2));
(exitCode === 0 ? console.log : console.error)(`bus:config: ${line}`);
process.exitCode = exitCode;
