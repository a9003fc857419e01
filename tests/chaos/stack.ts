import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectBus, type Bus } from '../../services/bus/src/index.js';
import {
  startExchangeSim,
  type SimCredentials,
  type SimHandle,
} from '../../services/exchange-sim/src/index.js';
import { CRASH_POINTS } from '../../services/execution/src/config.js';
import { createLogger } from '../../services/runtime/src/index.js';
import { freePort } from '../harness/src/free-port.js';
import { startNatsServer, type StartedNats } from '../harness/src/nats-server.js';
import type { NatsControl } from './chaos.js';
import { createStormDatabase, type StormDatabase } from './database.js';
import type { Rng } from './rng.js';
import { createSupervisor, stormRestartPolicy, type Supervisor } from './services.js';

export const NAMESPACE = 'chaos';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Venue timing of the storm's services: short, so unknown outcomes resolve within the run. */
export const TIMING = { venueTimeoutMs: 1_500, recvWindowMs: 2_000, clockMarginMs: 500 } as const;

const BALANCES = { USDT: '1000000000', BTC: '100000', ETH: '1000000', BNB: '10000000' };

export interface Stack {
  readonly db: StormDatabase;
  readonly sim: SimHandle;
  readonly paper: SimCredentials;
  readonly live: SimCredentials;
  readonly bus: Bus;
  readonly supervisor: Supervisor;
  readonly policy: ReturnType<typeof stormRestartPolicy>;
  readonly nats: NatsControl & { url(): string; ensureRunning(): Promise<void> };
  /** Crash points execution offers (EXECUTION_CRASH_AT), whatever their names today. */
  readonly crashPoints: readonly string[];
  /** `stop()` then leaves the database in place (for inspection after a failed check). */
  keepDatabase(): void;
  stop(): Promise<void>;
}

/**
 * A private stack: a fresh migrated database, a private nats-server on its own port and store (so
 * it can be restarted), the simulator in-process with a paper and a live account, and the
 * reconciler, arming and two execution instances as child processes.
 */
export async function startStack({
  adminUrl,
  logDir,
  rng,
  seed,
}: {
  adminUrl: string;
  logDir: string;
  rng: Rng;
  seed: number;
}): Promise<Stack> {
  const undo: (() => Promise<unknown>)[] = [];
  let keepDb = false;
  const stop = async () => {
    for (const fn of undo.splice(0).reverse()) await fn().catch(() => {});
  };
  try {
    const db = await createStormDatabase(adminUrl);
    undo.push(() => (keepDb ? db.pool.end() : db.drop()));
    const storeDir = join(logDir, 'nats-store');
    await mkdir(storeDir, { recursive: true });
    const port = await freePort();
    let server: StartedNats | undefined = await startNatsServer({ port, storeDir });
    let restarting: Promise<void> = Promise.resolve();
    const start = async () => {
      server = await startNatsServer({ port, storeDir });
    };
    const nats = {
      url: () => `nats://127.0.0.1:${port}`,
      restart(signal: 'SIGTERM' | 'SIGKILL', downMs: number) {
        restarting = restarting.then(async () => {
          const s = server;
          server = undefined;
          await (signal === 'SIGKILL' ? s?.kill() : s?.stop());
          await new Promise((r) => setTimeout(r, downMs));
          await start();
        });
        return restarting;
      },
      async ensureRunning() {
        await restarting;
        if (server === undefined) await start();
      },
    };
    undo.push(async () => {
      await restarting.catch(() => {});
      await server?.stop();
    });

    const limits = {
      ordersPer10s: 1_000_000,
      ordersPerDay: 100_000_000,
      requestWeightPerMinute: 100_000_000,
      banAfter429s: 1_000_000,
    };
    const sim = await startExchangeSim({ seed, limits });
    undo.push(() => sim.stop());
    const paper = await sim.admin.createAccount({ balances: BALANCES });
    const live = await sim.admin.createAccount({ balances: BALANCES });

    const log = createWriteStream(join(logDir, 'storm.log'), { flags: 'a' });
    undo.push(async () => log.end());
    const logger = createLogger({ service: 'chaos-storm', level: 'warn', destination: log });
    const bus = await connectBus({
      url: nats.url(),
      name: 'chaos-storm',
      logger,
      namespace: NAMESPACE,
    });
    undo.push(() => bus.close());
    await bus.ensureStreams();

    const venue = (name: 'PAPER' | 'LIVE', a: SimCredentials) => ({
      [`${name}_BASE_URL`]: sim.url,
      [`${name}_API_KEY`]: a.apiKey,
      [`${name}_API_SECRET`]: a.apiSecret,
      // The shared budget works to the simulator's limits, not Binance's 6,000 / 100.
      [`${name}_WEIGHT_PER_MINUTE`]: String(limits.requestWeightPerMinute),
      [`${name}_ORDERS_PER_10S`]: String(limits.ordersPer10s),
    });
    const policy = stormRestartPolicy(rng.fork('restarts'), CRASH_POINTS);
    const supervisor = createSupervisor(
      {
        root: ROOT,
        logDir,
        common: {
          NATS_URL: nats.url(),
          DATABASE_URL: db.url,
          LIVEGATE_NAMESPACE: NAMESPACE,
          LOG_LEVEL: 'info',
          LOG_FORMAT: 'json',
        },
        venues: {
          ...venue('PAPER', paper),
          ...venue('LIVE', live),
          VENUE_TIMEOUT_MS: String(TIMING.venueTimeoutMs),
          VENUE_RECV_WINDOW_MS: String(TIMING.recvWindowMs),
          CLOCK_MARGIN_MS: String(TIMING.clockMarginMs),
        },
      },
      policy,
      (line) => log.write(`${new Date().toISOString()} ${line}\n`),
    );
    undo.push(async () => {
      policy.disable();
      await supervisor.settled();
      await Promise.all(Object.values(supervisor.slots).map((s) => s.stop()));
    });
    const { slots } = supervisor;
    await Promise.all(
      [slots.reconciler, slots.arming, slots['exec-a'], slots['exec-b']].map((s) => s.start()),
    );
    return {
      db,
      sim,
      paper,
      live,
      bus,
      supervisor,
      policy,
      nats,
      crashPoints: CRASH_POINTS,
      keepDatabase: () => {
        keepDb = true;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
