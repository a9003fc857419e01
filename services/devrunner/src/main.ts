import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@livegate/runtime';
import { loadConfig, type DevConfig } from './config.js';
import { firstLine } from './errors.js';
import { startStack } from './stack.js';

// `pnpm start`: the whole stack on this machine. Failures before the stack is up are one line on
// stderr (naming the variable at fault) and exit code 1; Ctrl-C stops every child and exits 0.

const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const envFile = `${root}/.env`;

function fatal(err: unknown): number {
  console.error(firstLine(err));
  return 1;
}

function readConfig(): DevConfig | undefined {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  try {
    return loadConfig({
      env: process.env,
      argv: process.argv.slice(2),
      root,
      isTTY: process.stdout.isTTY === true,
      isRoot: process.getuid?.() === 0,
    });
  } catch (err) {
    fatal(err);
    return undefined;
  }
}

let killNow = (): void => {};

/** Resolves on the first SIGINT/SIGTERM; a second one kills every child at once and exits 130. */
function watchSignals(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let first: NodeJS.Signals | undefined;
    const handle = (signal: NodeJS.Signals) => {
      if (first !== undefined) {
        killNow();
        process.exit(130);
      }
      first = signal;
      resolve(signal);
    };
    process.on('SIGINT', handle);
    process.on('SIGTERM', handle);
  });
}

async function main(): Promise<number> {
  const config = readConfig();
  if (config === undefined) return 1;
  const logger = createLogger({
    service: 'devrunner',
    level: config.logLevel,
    pretty: config.pretty,
  });
  const interrupted = watchSignals();
  let stack;
  try {
    stack = await startStack({
      config,
      logger,
      nodeArgs: ['--import', import.meta.resolve('tsx')],
      env: process.env,
      write: (text) => process.stdout.write(text),
      colorize: config.pretty && process.stdout.isTTY === true,
    });
  } catch (err) {
    return fatal(err);
  }
  if (config.setupOnly) {
    await stack.stop();
    return 0;
  }
  const running = stack;
  killNow = () => running.killNow();
  process.once('exit', killNow);
  const keepAlive = setInterval(() => {}, 1 << 30);
  const signal = await interrupted;
  logger.info({ signal }, `${signal}: stopping every service (again to kill at once)`);
  await stack.stop();
  clearInterval(keepAlive);
  logger.info('stopped');
  return 0;
}

process.exitCode = await main();
