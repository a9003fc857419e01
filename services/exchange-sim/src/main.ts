import { createLogger } from '@livegate/runtime';
import { loadSimConfig, type SimConfig } from './config.js';
import { startExchangeSim, type SimHandle } from './index.js';

let config: SimConfig;
try {
  config = loadSimConfig({ argv: process.argv.slice(2), env: process.env });
} catch (err) {
  console.error(`exchange-sim: ${(err as Error).message}`);
  process.exit(1);
}

const logger = createLogger({ service: 'exchange-sim', pretty: process.stdout.isTTY });
let sim: SimHandle;
try {
  sim = await startExchangeSim({
    port: config.port,
    host: config.host,
    logger,
    accounts: config.accounts,
    prices: config.prices,
    ...(config.adminToken === undefined ? {} : { adminToken: config.adminToken }),
    ...(config.seed === undefined ? {} : { seed: config.seed }),
    ...(config.walkMs === undefined ? {} : { randomWalk: { intervalMs: config.walkMs } }),
  });
} catch (err) {
  console.error(`exchange-sim: ${(err as Error).message}`);
  process.exit(1);
}
logger.info(
  { url: sim.url, adminToken: sim.adminToken, startAccounts: config.accounts.length },
  'exchange simulator ready',
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.stop().then(() => process.exit(0));
  });
}
