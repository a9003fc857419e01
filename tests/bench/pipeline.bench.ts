/**
 * The execution pipeline: N intents published → the exchange acknowledged the order (the
 * `order.submitted` event, published after the outcome commit), one execution instance in-process
 * against the simulator, real NATS and Postgres (NATS_URL / DATABASE_URL, else local defaults).
 * p50 / p99 / max latency and sustained intents/s with 1 and 16 intents in flight (closed loop),
 * beside the bare floor measured in the same run: JetStream publish + consume + one Postgres insert
 * + one HTTP call to the simulator, no logic. BENCH_PIPELINE_N overrides N (default 300 at 1 in
 * flight, 2000 at 16).
 */
import { randomBytes } from 'node:crypto';
import {
  orderEventSchema,
  intentMsgId,
  orderIntentSchema,
  type OrderIntent,
} from '../../contracts/src/index.js';
import { connectBus, type Bus } from '../../services/bus/src/index.js';
import { createDb, DEFAULT_DATABASE_URL, migrateToLatest } from '../../services/db/src/index.js';
import { startExchangeSim } from '../../services/exchange-sim/src/index.js';
import { createVenueAdapters } from '../../services/binance/src/index.js';
import { createExecutionService } from '../../services/execution/src/index.js';
import { createLogger } from '../../services/runtime/src/index.js';
import { databaseUrl, dropDatabase, quoteIdent, withAdmin } from '../harness/src/pg-admin.js';
import pg from 'pg';

const LEVELS = [1, 16] as const;
const SIZES: Record<(typeof LEVELS)[number], number> = { 1: 300, 16: 2_000 };

interface Sample {
  readonly pipeline: 'floor' | 'execution';
  readonly inFlight: number;
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly perSecond: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;

/** Closed loop: keeps `inFlight` intents outstanding; `completed(id)` ends one. */
function createDriver() {
  const waiting = new Map<string, () => void>();
  return {
    completed(id: string) {
      waiting.get(id)?.();
      waiting.delete(id);
    },
    async drive(
      pipeline: Sample['pipeline'],
      n: number,
      inFlight: number,
      send: (i: OrderIntent) => Promise<void>,
    ): Promise<Sample> {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < n) {
            next += 1;
            const i = intentFor(pipeline);
            const t0 = performance.now();
            const done = new Promise<void>((resolve) => waiting.set(i.intentId, resolve));
            await send(i);
            await done;
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const sorted = latencies.sort((a, b) => a - b);
      const ms = (v: number) => Math.round(v * 100) / 100;
      return {
        pipeline,
        inFlight,
        n,
        p50: ms(quantile(sorted, 0.5)),
        p99: ms(quantile(sorted, 0.99)),
        max: ms(sorted[sorted.length - 1] as number),
        perSecond: Math.round(n / seconds),
      };
    },
  };
}

let seq = 0;
/** An IOC buy far below the price: the venue acknowledges and it expires at once (no resting orders). */
function intentFor(pipeline: string): OrderIntent {
  seq += 1;
  return orderIntentSchema.parse({
    intentId: `${pipeline}-${seq}-${randomBytes(3).toString('hex')}`,
    mode: 'paper',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.001',
    price: '50000.00',
    timeInForce: 'IOC',
    source: 'bench',
    createdAt: new Date().toISOString(),
  });
}

const publishIntent = (bus: Bus, i: OrderIntent) =>
  bus.publish(bus.subjects.orderIntent(i.source), orderIntentSchema, i, { msgId: intentMsgId(i) });

export async function run(): Promise<void> {
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const override = Number(process.env.BENCH_PIPELINE_N ?? '0');
  const adminUrl = databaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, 'postgres');
  const dbName = `livegate_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${quoteIdent(dbName)}`));
  const db = createDb({ url: databaseUrl(adminUrl, dbName), max: 24 });
  const floorPool = new pg.Pool({ connectionString: databaseUrl(adminUrl, dbName), max: 16 });
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const tag = randomBytes(4).toString('hex');
  const bus = await connectBus({
    url: natsUrl,
    name: 'pipeline-bench',
    logger,
    namespace: `bench${tag}`,
  });
  const floorBus = await connectBus({
    url: natsUrl,
    name: 'floor-bench',
    logger,
    namespace: `floor${tag}`,
  });
  const limits = { requestWeightPerMinute: 1e9, ordersPer10s: 1e9, ordersPerDay: 1e9 };
  const sim = await startExchangeSim({ limits, logger });
  const samples: Sample[] = [];
  /** Venue requests and weight per intent of each execution sample (read from the simulator). */
  const venueCost = new Map<number, { requests: number; weight: number; paths: string }>();
  const stops: Array<() => Promise<void>> = [];
  try {
    const migrated = await migrateToLatest(db);
    // A failed migration (e.g. two runs creating the cluster-wide roles at once) would hang the warm-up.
    if (!migrated.ok) throw new Error(`migrations failed: ${migrated.error}`);
    await floorPool.query(
      'create table bench_floor (id text primary key, at timestamptz not null default now())',
    );
    await bus.ensureStreams();
    await floorBus.ensureStreams();
    const paper = await sim.admin.createAccount({ balances: { USDT: '1000000000' } });
    const live = await sim.admin.createAccount({ balances: { USDT: '1000000000' } });

    // The floor: publish → consume → one insert → one HTTP call → done, nothing else.
    const floor = createDriver();
    const floorConsumer = await floorBus.consume({
      stream: floorBus.streams.orderIntents,
      durable: 'floor',
      schema: orderIntentSchema,
      maxInFlight: 16,
      handler: async (i, ctl) => {
        await floorPool.query('insert into bench_floor (id) values ($1)', [i.intentId]);
        const res = await fetch(`${sim.url}/api/v3/time`);
        await res.arrayBuffer();
        await ctl.ack();
        floor.completed(i.intentId);
      },
    });
    stops.push(() => floorConsumer.stop());

    // The pipeline: one execution instance; an intent is done at its order.submitted event.
    const execution = createDriver();
    const sub = bus.nc.subscribe(bus.subjects.orderEventAll);
    void (async () => {
      for await (const m of sub) {
        const event = orderEventSchema.parse(m.json());
        if (event.type === 'order.submitted') execution.completed(event.intentId);
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
      // The simulator's limits, not Binance's 6,000 / 100: the shared budget follows the venue's
      // (with Binance's, orders are held back at 9/s and the bench measures the budget).
      weightPerMinute: limits.requestWeightPerMinute,
      ordersPer10s: limits.ordersPer10s,
      // The venue streams: balances and reference prices without a request per order.
      wsApiUrl: sim.wsApiUrl,
      streamUrl: sim.wsStreamsUrl,
    });
    const venues = createVenueAdapters({
      venues: { paper: venue('paper', paper), live: venue('live', live) },
      logger,
    });
    const service = createExecutionService({
      db,
      bus,
      venues,
      logger,
      settings: {
        instanceId: 'bench',
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

    // Warm both paths (JIT, pools, caches) before measuring.
    await floor.drive('floor', 50, 4, async (i) => void (await publishIntent(floorBus, i)));
    await execution.drive('execution', 50, 4, async (i) => void (await publishIntent(bus, i)));
    if (venues.paper.streamStatus().userData !== 'live')
      throw new Error("the paper venue's user data stream is not live after the warm-up");
    for (const inFlight of LEVELS) {
      const n = override > 0 ? override : SIZES[inFlight];
      samples.push(
        await floor.drive(
          'floor',
          n,
          inFlight,
          async (i) => void (await publishIntent(floorBus, i)),
        ),
      );
      const before = (await sim.admin.requests()).length;
      samples.push(
        await execution.drive(
          'execution',
          n,
          inFlight,
          async (i) => void (await publishIntent(bus, i)),
        ),
      );
      const sent = (await sim.admin.requests()).slice(before);
      venueCost.set(inFlight, {
        requests: sent.length / n,
        weight: sent.reduce((sum, r) => sum + r.weight, 0) / n,
        paths: [...new Set(sent.map((r) => `${r.method} ${r.path}`))].join(', '),
      });
    }
    const orders = await sim.admin.orders({ apiKey: paper.apiKey });
    const expected = 50 + LEVELS.reduce((sum, l) => sum + (override > 0 ? override : SIZES[l]), 0);
    if (orders.length !== expected)
      throw new Error(`expected ${expected} exchange orders, the simulator has ${orders.length}`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    await sim.stop();
    for (const b of [bus, floorBus]) {
      for (const name of Object.values(b.streams)) {
        await b.nc.request(`$JS.API.STREAM.DELETE.${name}`).catch(() => undefined);
      }
      await b.close();
    }
    await db.destroy();
    await floorPool.end();
    await withAdmin(adminUrl, (c) => dropDatabase(c, dbName));
  }

  console.log(
    'pipeline: intent published → exchange ack (order.submitted), one execution instance, simulator in-process',
  );
  console.table(
    samples
      .map((s) => ({
        ...s,
        'p50 ms': s.p50,
        'p99 ms': s.p99,
        'max ms': s.max,
        'intents/s': s.perSecond,
      }))
      .map(({ pipeline, inFlight, n, ...rest }) => ({
        pipeline,
        'in flight': inFlight,
        n,
        'p50 ms': rest['p50 ms'],
        'p99 ms': rest['p99 ms'],
        'max ms': rest['max ms'],
        'intents/s': rest['intents/s'],
      })),
  );
  for (const inFlight of LEVELS) {
    const f = samples.find((s) => s.pipeline === 'floor' && s.inFlight === inFlight) as Sample;
    const e = samples.find((s) => s.pipeline === 'execution' && s.inFlight === inFlight) as Sample;
    const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(
      `ratio execution/floor at ${inFlight} in flight: p50 ${x(e.p50, f.p50)}, p99 ${x(e.p99, f.p99)}, max ${x(e.max, f.max)}, throughput ${x(e.perSecond, f.perSecond)}`,
    );
    const cost = venueCost.get(inFlight);
    if (cost !== undefined)
      console.log(
        `venue cost at ${inFlight} in flight: ${cost.requests.toFixed(2)} requests and weight ${cost.weight.toFixed(2)} per intent (goal 1 and 1; ${cost.paths})`,
      );
  }
}
