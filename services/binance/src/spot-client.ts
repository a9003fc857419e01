import * as binanceApiNode from 'binance-api-node';

type Payload = Record<string, string | number>;

/**
 * The part of binance-api-node the adapter uses. Answers are `unknown`: every one is normalised and
 * parsed with zod. Tests pass their own object of this shape; production uses {@link createLibraryClient}.
 */
export interface SpotClient {
  time(): Promise<unknown>;
  exchangeInfo(payload?: Payload): Promise<unknown>;
  avgPrice(payload: Payload): Promise<unknown>;
  prices(payload: Payload): Promise<unknown>;
  order(payload: Payload): Promise<unknown>;
  getOrder(payload: Payload): Promise<unknown>;
  cancelOrder(payload: Payload): Promise<unknown>;
  cancelOpenOrders(payload: Payload): Promise<unknown>;
  openOrders(payload: Payload): Promise<unknown>;
  myTrades(payload: Payload): Promise<unknown>;
  allOrders(payload: Payload): Promise<unknown>;
  accountInfo(payload: Payload): Promise<unknown>;
}

export interface LibraryClientOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Server-aligned time for `timestamp` (Date.now() + measured offset). */
  readonly getTime: () => number;
}

type Factory = (options: Record<string, unknown>) => SpotClient;

/**
 * The library's factory whatever the ESM/CJS interop hands us: the function itself (bundlers),
 * `{ default: fn }` (tsx / esbuild) or `{ default: { default: fn } }` (Node's own CJS namespace).
 */
export function resolveFactory(mod: unknown, depth = 0): Factory {
  if (typeof mod === 'function') return mod as Factory;
  if (depth < 2 && typeof mod === 'object' && mod !== null && 'default' in mod) {
    return resolveFactory((mod as { default: unknown }).default, depth + 1);
  }
  throw new Error('binance-api-node: no factory function among its exports');
}

/**
 * A binance-api-node client pointed at `baseUrl` through `httpBase`. Only these four options are
 * passed: never `testnet` (it routes to Demo Mode and ignores httpBase) and never `useServerTime`
 * (one extra request per call); the clock offset comes through `getTime`.
 */
export function createLibraryClient(
  { baseUrl, apiKey, apiSecret, getTime }: LibraryClientOptions,
  factory: Factory = resolveFactory(binanceApiNode),
): SpotClient {
  return factory({ httpBase: baseUrl, apiKey, apiSecret, getTime });
}
