import { createVenueAdapters } from '@livegate/binance';
import { connectBus } from '@livegate/bus';
import { checkDb, createDb } from '@livegate/db';
import { createLogger } from '@livegate/runtime';
import { loadReconcilerConfig, type ReconcilerConfig } from './config.js';
import { createReconciler } from './service.js';

let config: ReconcilerConfig;
try {
  config = loadReconcilerConfig(process.env);
} catch (err) {
  console.error(`reconciler: ${(err as Error).message}`);
  process.exit(1);
}

const logger = createLogger({
  service: 'reconciler',
  level: config.logLevel,
  pretty: config.prettyLogs,
});
try {
  const db = createDb({
    url: config.databaseUrl,
    max: 8,
    onConnectionError: (err) =>
      logger.warn({ err }, 'a database connection died; the pool replaces it'),
  });
  await checkDb(db);
  const bus = await connectBus({
    url: config.natsUrl,
    name: 'reconciler',
    logger,
    namespace: config.namespace,
  });
  await bus.ensureStreams();
  const venues = createVenueAdapters({ venues: config.venues, logger });
  const reconciler = createReconciler({
    db,
    bus,
    venues,
    rules: config.rules,
    intervalMs: config.intervalMs,
    logger,
  });

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      void (async () => {
        await reconciler.stop();
        await bus.close();
        venues.paper.close();
        venues.live.close();
        await db.destroy();
        process.exit(0);
      })();
    });
  }
  const startup = await reconciler.start();
  logger.info(
    { venues: startup.map((r) => ({ venue: r.venue, runId: r.runId, unresolved: r.unresolved })) },
    'reconciler started',
  );
} catch (err) {
  logger.fatal({ err }, 'reconciler failed to start');
  console.error(`reconciler: ${(err as Error).message}`);
  process.exit(1);
}
