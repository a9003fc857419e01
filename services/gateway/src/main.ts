import { connectBus, isTransientBusError } from '@livegate/bus';
import { isTransientDbError, openDb } from '@livegate/db';
import { createLogger, loadConfigOrExit, retryUntilReady } from '@livegate/runtime';
import { loadGatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

const config = loadConfigOrExit('gateway', () => loadGatewayConfig(process.env));
const logger = createLogger({
  service: 'gateway',
  level: config.logLevel,
  pretty: process.env.LOG_FORMAT === 'pretty',
});

try {
  // A late Postgres or NATS is waited for (bounded backoff); a configuration error ends the process.
  const retry = { policy: config.startupRetry, logger };
  const db = await retryUntilReady({
    ...retry,
    what: 'PostgreSQL',
    isTransient: isTransientDbError,
    attempt: () => openDb({ url: config.databaseUrl, logger }),
  });
  const bus = await retryUntilReady({
    ...retry,
    what: 'NATS',
    isTransient: isTransientBusError,
    attempt: () =>
      connectBus({
        url: config.natsUrl,
        auth: config.natsAuth,
        name: 'gateway',
        logger,
        namespace: config.namespace,
      }),
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
