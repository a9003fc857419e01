import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createLogger, parseEnv } from '@livegate/runtime';
import { startExchangeSim } from './index.js';

// `pnpm start -- --port N` passes the `--` through; parseArgs would treat what follows as positionals.
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const { values } = parseArgs({
  args,
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    'walk-ms': { type: 'string' },
  },
  allowPositionals: true,
});

const env = parseEnv(z.object({ SIM_ADMIN_TOKEN: z.string().optional() }), process.env);
const logger = createLogger({ service: 'exchange-sim', pretty: process.stdout.isTTY });
const sim = await startExchangeSim({
  port: Number(values.port),
  host: values.host,
  logger,
  ...(env.SIM_ADMIN_TOKEN === undefined ? {} : { adminToken: env.SIM_ADMIN_TOKEN }),
  ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
  ...(values['walk-ms'] === undefined
    ? {}
    : { randomWalk: { intervalMs: Number(values['walk-ms']) } }),
});
logger.info({ url: sim.url, adminToken: sim.adminToken }, 'exchange simulator ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.stop().then(() => process.exit(0));
  });
}
