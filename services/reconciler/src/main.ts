import { createVenueAdapters } from '@livegate/binance';
import { connectBusWhenReady, createBudgetShare } from '@livegate/bus';
import { openDbWhenReady } from '@livegate/db';
import { createLogger, loadConfigOrExit, startOrExit, stopOnSignals } from '@livegate/runtime';
import { loadReconcilerConfig } from './config.js';
import { createReconciler } from './service.js';

const config = loadConfigOrExit('reconciler', () => loadReconcilerConfig(process.env));
const logger = createLogger({
  service: 'reconciler',
  level: config.logLevel,
  pretty: config.prettyLogs,
});
await startOrExit({ service: 'reconciler', logger }, async () => {
  // A late Postgres or NATS is waited for (bounded backoff); a configuration error ends the process.
  const db = await openDbWhenReady({
    url: config.databaseUrl,
    max: 8,
    logger,
    policy: config.startupRetry,
  });
  const bus = await connectBusWhenReady({
    url: config.natsUrl,
    auth: config.natsAuth,
    name: 'reconciler',
    logger,
    namespace: config.namespace,
    policy: config.startupRetry,
  });
  await bus.ensureStreams();
  // One request-weight budget per venue key, shared with every instance over the bus.
  const venues = createVenueAdapters({
    venues: config.venues,
    logger,
    budgetClass: 'reads',
    budgetShare: (venue) => createBudgetShare(bus, venue, logger),
  });
  const reconciler = createReconciler({
    db,
    bus,
    venues,
    rules: config.rules,
    intervalMs: config.intervalMs,
    logger,
  });
  stopOnSignals({
    logger,
    stop: async () => {
      await reconciler.stop();
      await bus.close();
      venues.paper.close();
      venues.live.close();
      await db.destroy();
    },
  });
  const startup = await reconciler.start();
  logger.info(
    { venues: startup.map((r) => ({ venue: r.venue, runId: r.runId, unresolved: r.unresolved })) },
    'reconciler started',
  );
});
