import { startAnchoring } from '@livegate/audit';
import { connectBusWhenReady } from '@livegate/bus';
import { openDbWhenReady } from '@livegate/db';
import { createLogger } from '@livegate/runtime';
import { loadArmingConfig } from './config.js';
import { createArmingService } from './service.js';

const FORCED_EXIT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadArmingConfig(process.env);
  const logger = createLogger({
    service: 'arming',
    level: config.logLevel,
    pretty: config.prettyLogs,
  });
  // A late Postgres or NATS is waited for (bounded backoff); a configuration error ends the process.
  const db = await openDbWhenReady({
    url: config.databaseUrl,
    logger,
    policy: config.startupRetry,
  });
  const bus = await connectBusWhenReady({
    url: config.natsUrl,
    auth: config.natsAuth,
    name: 'arming',
    logger,
    namespace: config.namespace,
    policy: config.startupRetry,
  }).catch(async (err: unknown) => {
    await db.destroy();
    throw err;
  });
  const service = createArmingService({ db, bus, config, logger });
  await service.start();
  // Arming anchors the audit chain's head outside the database (docs/02_ARCHITECTURE.md).
  const anchoring = startAnchoring({ db, bus, intervalMs: config.anchorIntervalMs, logger });

  let stopping = false;
  async function shutdown(signal: NodeJS.Signals): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'arming service stopping');
    setTimeout(() => {
      logger.error(`still running ${FORCED_EXIT_MS} ms after ${signal}; exiting`);
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    await service.stop();
    await anchoring.stop();
    await bus.close();
    await db.destroy();
    logger.info('arming service stopped');
  }
  process.once('SIGINT', (s) => void shutdown(s));
  process.once('SIGTERM', (s) => void shutdown(s));
}

main().catch((err: unknown) => {
  console.error(`arming: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
