/**
 * Place + ack through the BinanceSpotAdapter (binance-api-node, zod parsing, pre-trade checks from
 * warm caches) against a raw signed `fetch` of the same order, on the same simulator in one run.
 * Orders are LIMIT IOC below the market: the simulator accepts and expires them at once, so the
 * book and balances stay flat and every sample is the same work.
 */
import { createHmac } from 'node:crypto';
import { clientOrderIdFor, createBinanceSpotAdapter } from '../../services/binance/src/index.js';
import { startExchangeSim } from '../../services/exchange-sim/src/index.js';
import { createLogger } from '../../services/runtime/src/index.js';

const ORDERS = Number(process.env.VENUE_BENCH_ORDERS ?? 2_000);
const WARMUP = 100;
const CONCURRENCY = [1, 8];

interface Sample {
  readonly path: string;
  readonly concurrency: number;
  readonly ordersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

interface Round {
  readonly latencies: number[];
  readonly seconds: number;
}

async function round(
  orders: number,
  concurrency: number,
  placeOne: (i: number) => Promise<void>,
): Promise<Round> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < orders) {
        const i = next++;
        const t0 = performance.now();
        await placeOne(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

function summarise(path: string, concurrency: number, rounds: readonly Round[]): Sample {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  return {
    path,
    concurrency,
    ordersPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

export async function run(): Promise<void> {
  const sim = await startExchangeSim({
    limits: { requestWeightPerMinute: 1e9, ordersPer10s: 1e9, ordersPerDay: 1e9 },
    logger: createLogger({ service: 'exchange-sim', level: 'silent' }),
  });
  try {
    const { apiKey, apiSecret } = await sim.admin.createAccount({
      balances: { USDT: '1000000000' },
    });
    const order = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'IOC',
      quantity: '0.001',
      price: '50000.00',
    } as const;

    const raw = async (tag: string) => {
      const query = new URLSearchParams({
        ...order,
        newClientOrderId: clientOrderIdFor(tag),
        newOrderRespType: 'FULL',
        recvWindow: '5000',
        timestamp: String(Date.now()),
      }).toString();
      const signature = createHmac('sha256', apiSecret).update(query).digest('hex');
      const res = await fetch(`${sim.url}/api/v3/order?${query}&signature=${signature}`, {
        method: 'POST',
        headers: { 'X-MBX-APIKEY': apiKey },
      });
      const body = (await res.json()) as { status?: string };
      if (!res.ok || body.status !== 'EXPIRED')
        throw new Error(`raw placement failed: ${res.status} ${JSON.stringify(body)}`);
    };

    const adapter = createBinanceSpotAdapter({
      config: {
        name: 'bench',
        baseUrl: sim.url,
        apiKey,
        apiSecret,
        balanceTtlMs: 60_000,
        marketPriceSource: 'tickerPrice',
      },
      logger: createLogger({ service: 'bench', level: 'silent' }),
    });
    const viaAdapter = async (tag: string) => {
      const outcome = await adapter.placeOrder({ ...order, clientOrderId: clientOrderIdFor(tag) });
      if (outcome.kind !== 'placed' || outcome.order.status !== 'EXPIRED')
        throw new Error(`adapter placement failed: ${JSON.stringify(outcome)}`);
    };

    const paths = { 'raw signed fetch': raw, adapter: viaAdapter } as const;
    const fresh = async () => {
      await sim.admin.reset(); // same book and store size for every round
      await sim.admin.createAccount({ apiKey, apiSecret, balances: { USDT: '1000000000' } });
    };
    await fresh();
    for (let i = 0; i < WARMUP; i += 1) {
      await raw(`warm-raw-${i}`);
      await viaAdapter(`warm-adapter-${i}`);
    }
    const samples: Sample[] = [];
    for (const concurrency of CONCURRENCY) {
      // ABBA order, each round on a freshly reset simulator, so drift and load hit both paths alike.
      const rounds: Record<keyof typeof paths, Round[]> = { 'raw signed fetch': [], adapter: [] };
      for (const [n, path] of (
        ['raw signed fetch', 'adapter', 'adapter', 'raw signed fetch'] as const
      ).entries()) {
        await fresh();
        rounds[path].push(
          await round(ORDERS / 2, concurrency, (i) =>
            paths[path](`${path}-${concurrency}-${n}-${i}`),
          ),
        );
      }
      samples.push(summarise('raw signed fetch', concurrency, rounds['raw signed fetch']));
      samples.push(summarise('adapter', concurrency, rounds.adapter));
    }
    adapter.close();

    console.log(
      `venue: place + ack, ${ORDERS} orders per row in 2 ABBA rounds (after ${WARMUP} warm-up each), simulator in-process`,
    );
    console.table(
      samples.map((s) => ({
        path: s.path,
        concurrency: s.concurrency,
        'orders/s': Math.round(s.ordersPerSecond),
        'p50 ms': s.p50Ms.toFixed(2),
        'p99 ms': s.p99Ms.toFixed(2),
      })),
    );
    for (const concurrency of CONCURRENCY) {
      const [r, a] = samples.filter((s) => s.concurrency === concurrency) as [Sample, Sample];
      console.log(
        `overhead at concurrency ${concurrency}: p50 ×${(a.p50Ms / r.p50Ms).toFixed(2)}, p99 ×${(a.p99Ms / r.p99Ms).toFixed(2)}, throughput ×${(r.ordersPerSecond / a.ordersPerSecond).toFixed(2)} (raw/adapter)`,
      );
    }
  } finally {
    await sim.stop();
  }
}
