import { z } from 'zod';
import {
  accountViewSchema,
  adminErrorBodySchema,
  bookViewSchema,
  wsStatusSchema,
  credentialsSchema,
  pendingFaultSchema,
  requestRecordSchema,
  simOrderSchema,
  type CreateAccountBody,
  type DepthBody,
  type FaultSpec,
  type FillBody,
  type FundBody,
  type LiquidityBody,
  type PendingFault,
  type PriceBody,
  type SimAccountView,
  type SimBookView,
  type SimCredentials,
  type SimOrderView,
  type SimRequestRecord,
  type SimWsStatus,
  type WsDropBody,
  type WsGapBody,
} from './admin/schemas.js';

/** An admin call the simulator refused; `code` is the admin error code (or HTTP_<status>). */
export class SimAdminError extends Error {
  override readonly name = 'SimAdminError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const priceResultSchema = z.object({
  symbol: z.string(),
  price: z.string(),
  /** Resting orders the new price filled. */
  filledOrderIds: z.array(z.number()),
});
export type SimPriceResult = z.infer<typeof priceResultSchema>;

/** Typed client of the simulator's `/__sim` admin API. */
export interface SimAdmin {
  createAccount(body?: CreateAccountBody): Promise<SimCredentials>;
  account(apiKey: string): Promise<SimAccountView>;
  fund(body: FundBody): Promise<SimAccountView>;
  setPrice(body: PriceBody): Promise<SimPriceResult>;
  prices(): Promise<Record<string, string>>;
  setLiquidity(body: LiquidityBody): Promise<LiquidityBody>;
  /** Sets (or with `levels: null` resets) the synthetic depth around the last price. */
  setDepth(body: DepthBody): Promise<DepthBody>;
  /** The book of a symbol: resting orders of every account plus synthetic depth. */
  book(symbol: string): Promise<SimBookView>;
  orders(query?: { apiKey?: string }): Promise<SimOrderView[]>;
  fillOrder(orderId: number, body?: FillBody): Promise<SimOrderView>;
  /** Fills every named resting order completely; refuses them all if one is unknown or not open. */
  fillOrders(orderIds: readonly number[]): Promise<{ filled: number }>;
  cancelOrder(orderId: number): Promise<SimOrderView>;
  expireOrder(orderId: number): Promise<SimOrderView>;
  requests(query?: { apiKey?: string }): Promise<SimRequestRecord[]>;
  /** Open websockets and their subscriptions (wait on it instead of sleeping). */
  websockets(): Promise<SimWsStatus>;
  /** Drops every websocket (see WsDropBody); resolves to how many there were. */
  dropWebsockets(body?: WsDropBody): Promise<{ dropped: number }>;
  /** Makes the next `count` user-data events vanish (a gap). */
  skipUserEvents(body: WsGapBody): Promise<{ pending: number }>;
  injectFault(spec: FaultSpec): Promise<PendingFault>;
  faults(): Promise<PendingFault[]>;
  clearFaults(): Promise<void>;
  reset(): Promise<void>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createSimAdmin({ url, adminToken }: { url: string; adminToken: string }): SimAdmin {
  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    const res = await fetch(`${url}/__sim${path}`, {
      method,
      headers: { 'x-sim-admin-token': adminToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) {
      const parsed = adminErrorBodySchema.safeParse(parseJson(text));
      const error = parsed.success
        ? parsed.data.error
        : { code: `HTTP_${res.status}`, message: text };
      throw new SimAdminError(res.status, error.code, `${method} /__sim${path}: ${error.message}`);
    }
    return schema.parse(JSON.parse(text));
  }
  const withKey = (path: string, query?: { apiKey?: string }) =>
    query?.apiKey === undefined ? path : `${path}?apiKey=${encodeURIComponent(query.apiKey)}`;
  const empty = z.object({});
  return {
    createAccount: (body = {}) => call('POST', '/accounts', credentialsSchema, body),
    account: (apiKey) => call('GET', `/accounts/${encodeURIComponent(apiKey)}`, accountViewSchema),
    fund: (body) => call('POST', '/fund', accountViewSchema, body),
    setPrice: (body) => call('POST', '/price', priceResultSchema, body),
    prices: () => call('GET', '/prices', z.record(z.string(), z.string())),
    setLiquidity: (body) =>
      call(
        'POST',
        '/liquidity',
        z.object({ symbol: z.string(), maxQty: z.string().nullable() }),
        body,
      ),
    setDepth: (body) =>
      call(
        'POST',
        '/depth',
        z.object({
          symbol: z.string(),
          levels: z.array(z.object({ offset: z.string(), qty: z.string() })).nullable(),
        }),
        body,
      ),
    book: (symbol) => call('GET', `/book/${encodeURIComponent(symbol)}`, bookViewSchema),
    orders: (query) => call('GET', withKey('/orders', query), z.array(simOrderSchema)),
    fillOrders: (orderIds) =>
      call('POST', '/orders/fill', z.object({ filled: z.number() }), { orderIds }),
    fillOrder: (orderId, body = {}) =>
      call('POST', `/orders/${orderId}/fill`, simOrderSchema, body),
    cancelOrder: (orderId) => call('POST', `/orders/${orderId}/cancel`, simOrderSchema),
    expireOrder: (orderId) => call('POST', `/orders/${orderId}/expire`, simOrderSchema),
    requests: (query) => call('GET', withKey('/requests', query), z.array(requestRecordSchema)),
    websockets: () => call('GET', '/ws', wsStatusSchema),
    dropWebsockets: (body = {}) =>
      call('POST', '/ws/drop', z.object({ dropped: z.number() }), body),
    skipUserEvents: (body) => call('POST', '/ws/gap', z.object({ pending: z.number() }), body),
    injectFault: (spec) => call('POST', '/faults', pendingFaultSchema, spec),
    faults: () => call('GET', '/faults', z.array(pendingFaultSchema)),
    clearFaults: async () => {
      await call('DELETE', '/faults', empty);
    },
    reset: async () => {
      await call('POST', '/reset', empty);
    },
  };
}
