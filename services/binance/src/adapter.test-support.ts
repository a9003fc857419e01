/** A BinanceSpotAdapter over a fake client whose answers go through the library's JSON parser (unit tests). */
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { createLogger } from '@livegate/runtime';
import { createBinanceSpotAdapter } from './adapter.js';
import {
  accountBody,
  canceledBody,
  exchangeInfoBody,
  placedBody,
  queriedBody,
  tradeBody,
} from './fixtures.test-support.js';
import type { PlaceOrderRequest } from './order-request.js';
import type { SpotClient } from './spot-client.js';
import type { VenueHealth } from './venue-health.js';

// Answers go through the library's own JSON parser: null prototypes, BigNumber ids.
const requireFromLibrary = createRequire(
  createRequire(import.meta.url).resolve('binance-api-node'),
);
const JSONbig = requireFromLibrary('json-bigint') as { parse(text: string): unknown };
export const wire = (body: unknown) =>
  JSONbig.parse(JSON.stringify(body).replace('"orderId":28', '"orderId":12345678901234567'));

type Method = keyof SpotClient;
type Handler = (payload: Record<string, string | number> | undefined) => unknown;

/** Shaped like binance-api-node's error for a JSON error body (its url carries the signature). */
export const apiError = (code: number, msg: string) =>
  Object.assign(new Error(msg), {
    code,
    url: 'http://venue/api/v3/x?timestamp=1&signature=abc123',
  });
export const never = () => new Promise<never>(() => {});

export function fakeVenue(overrides: Partial<Record<Method, Handler | Handler[]>> = {}) {
  const calls: Array<{ method: Method; payload: Record<string, string | number> | undefined }> = [];
  const defaults: Record<Method, Handler> = {
    time: () => 1_000_500,
    exchangeInfo: () => wire(exchangeInfoBody),
    avgPrice: () => wire({ mins: 5, price: '60000.00000000', closeTime: 1 }),
    prices: () => wire({ BTCUSDT: '61000.00000000' }),
    order: () => wire(placedBody),
    getOrder: () => wire(queriedBody),
    cancelOrder: () => wire(canceledBody),
    cancelOpenOrders: () => wire([canceledBody]),
    openOrders: () => wire([queriedBody]),
    myTrades: () => wire([tradeBody]),
    allOrders: () => wire([queriedBody]),
    accountInfo: () => wire(accountBody),
  };
  const client = Object.fromEntries(
    (Object.keys(defaults) as Method[]).map((method) => {
      const queue = overrides[method];
      return [
        method,
        async (payload?: Record<string, string | number>) => {
          calls.push({ method, payload });
          const handler = Array.isArray(queue)
            ? queue.length > 1
              ? queue.shift()
              : queue[0]
            : queue;
          return (handler ?? defaults[method])(payload);
        },
      ];
    }),
  ) as unknown as SpotClient;
  return { client, calls, methods: () => calls.map((c) => c.method) };
}

export function setup(
  overrides: Partial<Record<Method, Handler | Handler[]>> = {},
  config: Record<string, unknown> = {},
) {
  let t = 1_000_000;
  const venue = fakeVenue(overrides);
  const lines: string[] = [];
  const health: VenueHealth[] = [];
  const logger = createLogger({
    service: 'test',
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  });
  const adapter = createBinanceSpotAdapter({
    config: {
      name: 'fake',
      baseUrl: 'http://venue',
      apiKey: 'key',
      apiSecret: 'secret',
      timeoutMs: 50,
      ...config,
    },
    logger,
    now: () => t,
    client: venue.client,
    onHealthChange: (h) => health.push(h),
  });
  return { adapter, ...venue, lines, health, advance: (ms: number) => (t += ms) };
}

export const limitOrder: PlaceOrderRequest = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.001',
  price: '60000.00',
  timeInForce: 'GTC',
  clientOrderId: 'lg-abc',
};
export const marketOrder: PlaceOrderRequest = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.001',
  clientOrderId: 'lg-mkt',
};
