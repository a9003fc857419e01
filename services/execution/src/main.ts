import { createVenueAdapters } from '@livegate/binance';
import { connectBusWhenReady, createBudgetShare } from '@livegate/bus';
import { openDbWhenReady } from '@livegate/db';
import { createLogger, loadConfigOrExit, startOrExit, stopOnSignals } from '@livegate/runtime';
import { loadExecutionConfig } from './config.js';
import { createCrashPoints } from './crash-points.js';
import { binanceUserStream } from './fill-feed.js';
import { createExecutionService, settingsFrom } from './service.js';

const config = loadConfigOrExit('execution', () => loadExecutionConfig(process.env));
const logger = createLogger({
  service: 'execution',
  level: config.logLevel,
  pretty: config.prettyLogs,
});
await startOrExit({ service: 'execution', logger }, async () => {
  // A late Postgres or NATS is waited for (bounded backoff); a configuration error ends the process.
  const db = await openDbWhenReady({
    url: config.databaseUrl,
    max: config.concurrency + 4,
    logger,
    policy: config.startupRetry,
  });
  const bus = await connectBusWhenReady({
    url: config.natsUrl,
    auth: config.natsAuth,
    name: 'execution',
    logger,
    namespace: config.namespace,
    policy: config.startupRetry,
  });
  await bus.ensureStreams(
    config.intentDuplicateWindowMs === undefined
      ? {}
      : { intentDuplicateWindowMs: config.intentDuplicateWindowMs },
  );
  // One request-weight budget per venue key, shared with every instance over the bus.
  const venues = createVenueAdapters({
    venues: config.venues,
    logger,
    budgetShare: (venue) => createBudgetShare(bus, venue, logger),
  });
  const crash = createCrashPoints({
    at: config.crashAt,
    freezeAt: config.freezeAt,
    kill: (point) => {
      // A synchronous line (pino writes asynchronously and SIGKILL would drop it).
      console.error(
        `execution: EXECUTION_CRASH_AT reached (${point}): killing this process with SIGKILL`,
      );
      process.kill(process.pid, 'SIGKILL');
    },
    freeze: (point) => {
      console.error(
        `execution: EXECUTION_FREEZE_AT reached (${point}): stopping this process with SIGSTOP`,
      );
      process.kill(process.pid, 'SIGSTOP');
    },
  });
  const userStreams = Object.fromEntries(
    Object.entries(config.userStreamUrls).map(([mode, url]) => {
      const venue = config.venues[mode as 'paper' | 'live'];
      return [
        mode,
        binanceUserStream({
          url,
          apiKey: venue.apiKey,
          apiSecret: venue.apiSecret,
          recvWindowMs: venue.recvWindowMs,
          ...(venue.streamSilenceMs === undefined ? {} : { silenceMs: venue.streamSilenceMs }),
          getTime: () => Date.now() + venues[mode as 'paper' | 'live'].timeOffsetMs(),
          logger: logger.child({ venue: mode }),
        }),
      ];
    }),
  );
  const service = createExecutionService({
    db,
    bus,
    venues,
    settings: settingsFrom(config),
    logger,
    crash,
    userStreams,
  });
  await service.start();
  stopOnSignals({
    logger,
    stop: async () => {
      await service.stop();
      await bus.close();
      venues.paper.close();
      venues.live.close();
      await db.destroy();
    },
  });
});
