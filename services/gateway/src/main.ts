import { connectBusWhenReady } from '@livegate/bus';
import { openDbWhenReady } from '@livegate/db';
import { createLogger, loadConfigOrExit } from '@livegate/runtime';
import { loadGatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

const config = loadConfigOrExit('gateway', () => loadGatewayConfig(process.env));
const logger = createLogger({
  service: 'gateway',
  level: config.logLevel,
  pretty: config.prettyLogs,
});

try {
  // A late Postgres or NATS is waited for (bounded backoff); a configuration error ends the process.
  const db = await openDbWhenReady({
    url: config.databaseUrl,
    logger,
    policy: config.startupRetry,
  });
  const bus = await connectBusWhenReady({
    url: config.natsUrl,
    auth: config.natsAuth,
    name: 'gateway',
    logger,
    namespace: config.namespace,
    policy: config.startupRetry,
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
