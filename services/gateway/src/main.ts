import { connectBus } from '@livegate/bus';
import { checkDb, createDb } from '@livegate/db';
import { createLogger, loadConfigOrExit } from '@livegate/runtime';
import { loadGatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

const config = loadConfigOrExit('gateway', () => loadGatewayConfig(process.env));
const logger = createLogger({
  service: 'gateway',
  level: config.logLevel,
  pretty: process.env.LOG_FORMAT === 'pretty',
});

try {
  const db = createDb({ url: config.databaseUrl });
  await checkDb(db);
  const bus = await connectBus({
    url: config.natsUrl,
    auth: config.natsAuth,
    name: 'gateway',
    logger,
    namespace: config.namespace,
  });
  await bus.ensureStreams();
  const running = await createGateway({ db, bus, config, logger }).listen();
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'gateway stopping');
    await running.close();
    await bus.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  logger.fatal({ err }, err instanceof Error ? err.message : String(err));
  console.error(`gateway: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
