import { Writable } from 'node:stream';
import {
  createBinanceSpotAdapter,
  type BinanceSpotAdapter,
  type VenueConfigInput,
} from '@livegate/binance';
import {
  startExchangeSim,
  type SimHandle,
  type StartExchangeSimOptions,
} from '@livegate/exchange-sim';
import { createLogger } from '@livegate/runtime';

export interface VenueFixture {
  readonly sim: SimHandle;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly adapter: BinanceSpotAdapter;
  /** Every log line the adapter wrote (JSON strings). */
  readonly logLines: string[];
  /** Another adapter on the same account, with different settings. */
  adapterWith(patch: Partial<VenueConfigInput>): BinanceSpotAdapter;
  /** Requests that reached a Binance path for this account (or any, with `all`). */
  requests(filter?: {
    path?: string;
    method?: string;
  }): Promise<{ method: string; path: string }[]>;
  stop(): Promise<void>;
}

export const START_BALANCES = { USDT: '10000', BTC: '1', ETH: '10' } as const;

/** A fresh simulator with one funded account and an adapter on it that logs into memory. */
export async function startVenue(
  options: {
    apiSecret?: string;
    config?: Partial<VenueConfigInput>;
    sim?: StartExchangeSimOptions;
  } = {},
): Promise<VenueFixture> {
  const sim = await startExchangeSim(options.sim);
  const { apiKey, apiSecret } = await sim.admin.createAccount({
    balances: { ...START_BALANCES },
    ...(options.apiSecret === undefined ? {} : { apiSecret: options.apiSecret }),
  });
  const logLines: string[] = [];
  const logger = createLogger({
    service: 'venue-test',
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
  const adapters: BinanceSpotAdapter[] = [];
  const adapterWith = (patch: Partial<VenueConfigInput>) => {
    const adapter = createBinanceSpotAdapter({
      config: {
        name: 'sim',
        baseUrl: sim.url,
        apiKey,
        apiSecret,
        timeoutMs: 2_000,
        marketPriceSource: 'tickerPrice',
        ...options.config,
        ...patch,
      },
      logger,
    });
    adapters.push(adapter);
    return adapter;
  };
  const adapter = adapterWith({});
  return {
    sim,
    apiKey,
    apiSecret,
    adapter,
    logLines,
    adapterWith,
    async requests(filter = {}) {
      const all = await sim.admin.requests({ apiKey });
      return all
        .filter(
          (r) =>
            (filter.path === undefined || r.path === filter.path) &&
            (filter.method === undefined || r.method === filter.method),
        )
        .map(({ method, path }) => ({ method, path }));
    },
    async stop() {
      for (const a of adapters) a.close();
      await sim.stop();
    },
  };
}
