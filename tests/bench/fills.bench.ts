/**
 * Fills in real time (issue 12): a resting LIMIT order is filled at the simulator (admin fill, its
 * `updateTime` is the executionReport's event time) → the row shows FILLED (`updated_at`) and the
 * `order.updated` event reaches a subscriber. Two execution instances in-process, each on the user
 * data stream (both apply every report; one changes the row), real NATS and Postgres. The simulator
 * runs in this process, so its clock is this clock. BENCH_FILLS_N overrides N (default 300).
 */
import { randomBytes } from 'node:crypto';
import {
  intentMsgId,
  orderEventSchema,
  orderIntentSchema,
  type OrderIntent,
} from '../../contracts/src/index.js';
import { createVenueAdapters } from '../../services/binance/src/index.js';
import { connectBus } from '../../services/bus/src/index.js';
import { createDb, DEFAULT_DATABASE_URL, migrateToLatest } from '../../services/db/src/index.js';
import { startExchangeSim } from '../../services/exchange-sim/src/index.js';
import { adapterUserStream, createExecutionService } from '../../services/execution/src/index.js';
import { createLogger } from '../../services/runtime/src/index.js';
import { databaseUrl, dropDatabase, quoteIdent, withAdmin } from '../harness/src/pg-admin.js';

const N = Number(process.env.BENCH_FILLS_N ?? 300);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;

function summary(what: string, values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (v: number) => Math.round(v * 100) / 100;
  return {
    what,
    n: sorted.length,
    p50: ms(quantile(sorted, 0.5)),
    p99: ms(quantile(sorted, 0.99)),
    max: ms(sorted[sorted.length - 1] as number),
  };
}

/** Waits for `check` to hold, bounded. */
async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

export async function run(): Promise<void> {
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const adminUrl = databaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, 'postgres');
  const dbName = `livegate_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${quoteIdent(dbName)}`));
  const db = createDb({ url: databaseUrl(adminUrl, dbName), max: 24 });
  const bus = await connectBus({
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    name: 'fills-bench',
    logger,
    namespace: `fills${randomBytes(4).toString('hex')}`,
  });
  const limits = { requestWeightPerMinute: 1e9, ordersPer10s: 1e9, ordersPerDay: 1e9 };
  const sim = await startExchangeSim({ limits, logger });
  const stops: Array<() => Promise<void>> = [];
  const toEvent: number[] = [];
  const toRow: number[] = [];
  try {
    const migrated = await migrateToLatest(db);
    if (!migrated.ok) throw new Error(`migrating the bench database failed: ${migrated.error}`);
    await bus.ensureStreams();
    const paper = await sim.admin.createAccount({ balances: { USDT: '1000000000' } });
    const live = await sim.admin.createAccount({ balances: { USDT: '1000000000' } });
    const submitted = new Map<string, string>();
    const filledAt = new Map<string, number>();
    const sub = bus.nc.subscribe(bus.subjects.orderEventAll);
    void (async () => {
      for await (const m of sub) {
        const event = orderEventSchema.parse(m.json());
        if (event.type === 'order.submitted' && event.exchangeOrderId !== undefined)
          submitted.set(event.intentId, event.exchangeOrderId);
        if (event.type === 'order.rejected') throw new Error(`${event.code}: ${event.message}`);
        if (event.type === 'order.updated' && event.state === 'FILLED')
          filledAt.set(event.intentId, Date.now());
      }
    })();
    stops.push(async () => sub.unsubscribe());
    const venue = (name: 'paper' | 'live', a: { apiKey: string; apiSecret: string }) => ({
      name,
      baseUrl: sim.url,
      ...a,
      recvWindowMs: 5_000,
      timeoutMs: 10_000,
      marketPriceSource: 'tickerPrice' as const,
      wsApiUrl: sim.wsApiUrl,
      // The shared budget works to the simulator's limits, not Binance's 6,000 / 100.
      weightPerMinute: limits.requestWeightPerMinute,
      ordersPer10s: limits.ordersPer10s,
    });
    for (const instance of ['a', 'b']) {
      const venues = createVenueAdapters({
        venues: { paper: venue('paper', paper), live: venue('live', live) },
        logger,
      });
      const service = createExecutionService({
        db,
        bus,
        venues,
        logger,
        userStreams: { paper: adapterUserStream(venues.paper) },
        settings: {
          instanceId: `bench-${instance}`,
          concurrency: 16,
          ackWaitMs: 30_000,
          intentMaxAgeMs: 30_000,
          intentFutureMarginMs: 2_000,
          maxDeliver: 200,
          notPlacedConfirmMs: 10_000,
          sendBudgetMs: 1_000,
          killPollMs: 500,
          clockMarginMs: 1_000,
          requireReconcile: false,
          recvWindows: { paper: 5_000, live: 5_000 },
          venueTimeoutMs: 10_000,
        },
      });
      await service.start();
      stops.push(async () => {
        await service.stop();
        venues.paper.close();
        venues.live.close();
      });
    }
    for (;;) {
      const ws = await sim.admin.websockets();
      if (ws.userSubscriptions >= 4) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    // One resting order at a time (the venue caps open orders per symbol), filled at the venue.
    const intentFor = (k: number): OrderIntent =>
      orderIntentSchema.parse({
        intentId: `fill-${k}-${randomBytes(3).toString('hex')}`,
        mode: 'paper',
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '0.001',
        price: '50000.00',
        timeInForce: 'GTC',
        source: 'bench',
        createdAt: new Date().toISOString(),
      });
    for (let k = 0; k < N + 20; k += 1) {
      const i = intentFor(k);
      await bus.publish(bus.subjects.orderIntent(i.source), orderIntentSchema, i, {
        msgId: intentMsgId(i),
      });
      await until(`${i.intentId} resting`, () => submitted.has(i.intentId));
      const orderId = Number(submitted.get(i.intentId));
      const filled = await sim.admin.fillOrder(orderId);
      await until(`FILLED event of ${i.intentId}`, () => filledAt.has(i.intentId));
      if (k < 20) continue; // warm-up
      const row = await db
        .selectFrom('execution.orders')
        .select(['state', 'updated_at'])
        .where('intent_id', '=', i.intentId)
        .executeTakeFirstOrThrow();
      if (row.state !== 'FILLED') throw new Error(`row ${i.intentId} is ${row.state}`);
      toEvent.push((filledAt.get(i.intentId) as number) - filled.updateTime);
      toRow.push(row.updated_at.getTime() - filled.updateTime);
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
    await sim.stop();
    for (const name of Object.values(bus.streams)) {
      await bus.nc.request(`$JS.API.STREAM.DELETE.${name}`).catch(() => undefined);
    }
    await bus.close();
    await db.destroy();
    await withAdmin(adminUrl, (c) => dropDatabase(c, dbName));
  }
  console.log(
    'fills: simulator fill (executionReport event time) → row FILLED / order.updated received; two execution instances on the user data stream',
  );
  console.table([
    summary('to the row (updated_at)', toRow),
    summary('to the order event', toEvent),
  ]);
  const p99 = summary('event', toEvent).p99;
  console.log(`fills p99 ${p99} ms (target ≤ 100 ms): ${p99 <= 100 ? 'met' : 'NOT met'}`);
}
