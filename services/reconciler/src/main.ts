import { createVenueAdapters } from '@livegate/binance';
import { connectBus, isTransientBusError } from '@livegate/bus';
import { isTransientDbError, openDb } from '@livegate/db';
import {
  createLogger,
  loadConfigOrExit,
  retryUntilReady,
  startOrExit,
  stopOnSignals,
} from '@livegate/runtime';
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
  const retry = { policy: config.startupRetry, logger };
  const db = await retryUntilReady({
    ...retry,
    what: 'PostgreSQL',
    isTransient: isTransientDbError,
    attempt: () => openDb({ url: config.databaseUrl, max: 8, logger }),
  });
  const bus = await retryUntilReady({
    ...retry,
    what: 'NATS',
    isTransient: isTransientBusError,
    attempt: () =>
      connectBus({
        url: config.natsUrl,
        auth: config.natsAuth,
        name: 'reconciler',
        logger,
        namespace: config.namespace,
      }),
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
