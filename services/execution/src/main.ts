import { createVenueAdapters } from '@livegate/binance';
import { connectBus } from '@livegate/bus';
import { checkDb, createDb } from '@livegate/db';
import { createLogger } from '@livegate/runtime';
import { loadExecutionConfig, type ExecutionConfig } from './config.js';
import { createCrashPoints } from './crash-points.js';
import { createExecutionService, settingsFrom } from './service.js';

let config: ExecutionConfig;
try {
  config = loadExecutionConfig(process.env);
} catch (err) {
  console.error(`execution: ${(err as Error).message}`);
  process.exit(1);
}

const logger = createLogger({
  service: 'execution',
  level: config.logLevel,
  pretty: config.prettyLogs,
});
try {
  const db = createDb({
    url: config.databaseUrl,
    max: config.concurrency + 4,
    onConnectionError: (err) =>
      logger.warn({ err }, 'a database connection died; the pool replaces it'),
  });
  await checkDb(db);
  const bus = await connectBus({
    url: config.natsUrl,
    name: 'execution',
    logger,
    namespace: config.namespace,
  });
  await bus.ensureStreams(
    config.intentDuplicateWindowMs === undefined
      ? {}
      : { intentDuplicateWindowMs: config.intentDuplicateWindowMs },
  );
  const venues = createVenueAdapters({ venues: config.venues, logger });
  const crash = createCrashPoints({
    at: config.crashAt,
    kill: (point) => {
      // A synchronous line (pino writes asynchronously and SIGKILL would drop it).
      console.error(
        `execution: EXECUTION_CRASH_AT reached (${point}): killing this process with SIGKILL`,
      );
      process.kill(process.pid, 'SIGKILL');
    },
  });
  const service = createExecutionService({
    db,
    bus,
    venues,
    settings: settingsFrom(config),
    logger,
    crash,
  });
  await service.start();

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      void (async () => {
        await service.stop();
        await bus.close();
        venues.paper.close();
        venues.live.close();
        await db.destroy();
        process.exit(0);
      })();
    });
  }
} catch (err) {
  logger.fatal({ err }, 'execution failed to start');
  console.error(`execution: ${(err as Error).message}`);
  process.exit(1);
}
