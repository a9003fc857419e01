import BinanceModule from 'binance-api-node';
import {
  hmacSha256Hex,
  startExchangeSim,
  type SimCredentials,
  type SimHandle,
  type StartExchangeSimOptions,
} from '../src/index.js';

// JSON from the real client (null-prototype objects), asserted field by field in the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = { readonly [key: string]: any };
type Call<R = Row> = (payload?: Record<string, unknown>) => Promise<R>;

/** The binance-api-node calls the conformance suite drives, loosely typed (its d.ts lags the API). */
export interface LooseClient {
  ping(): Promise<boolean>;
  time(): Promise<number>;
  exchangeInfo: Call;
  prices: Call<Record<string, string>>;
  avgPrice: Call;
  accountInfo: Call;
  order: Call;
  orderTest: Call;
  getOrder: Call;
  cancelOrder: Call;
  cancelOpenOrders: Call<Row[]>;
  openOrders: Call<Row[]>;
  allOrders: Call<Row[]>;
  myTrades: Call<Row[]>;
  getInfo(): Record<string, Record<string, string>>;
}

export const DEFAULT_BALANCES = { USDT: '100000', BTC: '2', ETH: '20', BNB: '50' };

/**
 * binance-api-node is CommonJS with `exports.default`. Under NodeNext its d.ts types the default
 * import as the whole module (call `.default`); at run time plain Node ESM gives module.exports
 * (also needing `.default`) while Vitest unwraps it to the function. Accept both.
 */
const Binance = ((BinanceModule as unknown as { default?: unknown }).default ??
  BinanceModule) as typeof BinanceModule.default;

/** `getTime` signs with another clock (e.g. one following a simulator clock the test moves). */
export function clientFor(
  sim: SimHandle,
  creds: SimCredentials,
  getTime?: () => number,
): LooseClient {
  return Binance({
    apiKey: creds.apiKey,
    apiSecret: creds.apiSecret,
    httpBase: sim.url,
    ...(getTime === undefined ? {} : { getTime }),
  }) as unknown as LooseClient;
}

/** A running simulator, one funded account and a binance-api-node client pointed at it. */
export async function simWithClient(
  options: StartExchangeSimOptions = {},
  balances: Record<string, string> = DEFAULT_BALANCES,
) {
  const sim = await startExchangeSim({ seed: 42, ...options });
  const creds = await sim.admin.createAccount({
    balances,
    makerCommission: '0.001',
    takerCommission: '0.002',
  });
  return { sim, creds, client: clientFor(sim, creds) };
}

/** The error a client call rejected with (fails the test if it resolved). */
export async function rejectionOf(
  call: Promise<unknown>,
): Promise<Error & { code?: number | string }> {
  try {
    await call;
  } catch (err) {
    return err as Error & { code?: number | string };
  }
  throw new Error('expected the call to be rejected');
}

export interface RawSignedOptions {
  readonly method?: string;
  readonly apiKey?: string | null;
  readonly secret?: string;
  readonly timestamp?: number | null;
  /** Replaces the computed signature. */
  readonly signature?: string;
  /** Sends these parameters as a form body instead of the query string. */
  readonly body?: Record<string, string>;
  readonly signal?: AbortSignal;
}

/** A hand-signed request, for the signature and timestamp edge cases the client never produces. */
export async function rawSigned(
  sim: SimHandle,
  creds: SimCredentials,
  path: string,
  params: Record<string, string>,
  options: RawSignedOptions = {},
): Promise<{ status: number; body: Row; headers: Headers }> {
  const {
    method = 'GET',
    apiKey = creds.apiKey,
    secret = creds.apiSecret,
    timestamp = Date.now(),
  } = options;
  const query = new URLSearchParams(params);
  if (timestamp !== null) query.set('timestamp', String(timestamp));
  const body = options.body === undefined ? '' : new URLSearchParams(options.body).toString();
  const signature = options.signature ?? hmacSha256Hex(secret, query.toString() + body);
  const res = await fetch(`${sim.url}${path}?${query.toString()}&signature=${signature}`, {
    method,
    headers: {
      ...(apiKey === null ? {} : { 'X-MBX-APIKEY': apiKey }),
      ...(body === '' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(body === '' ? {} : { body }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { status: res.status, body: (await res.json()) as Row, headers: res.headers };
}
