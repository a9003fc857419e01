import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExchangeSim, type SimHandle } from '@livegate/exchange-sim';

// binance-api-node exactly as published: CommonJS, `.default` is the factory.
const Binance = (
  createRequire(import.meta.url)('binance-api-node') as {
    default: (o: object) => Record<string, (p?: object) => Promise<unknown>>;
  }
).default;

describe('binance-api-node 0.13.10, unchanged, against the simulator', () => {
  let sim: SimHandle;
  let client: ReturnType<typeof Binance>;

  beforeAll(async () => {
    sim = await startExchangeSim();
    const creds = await sim.admin.createAccount({ balances: { USDT: '10000' } });
    client = Binance({ httpBase: sim.url, apiKey: creds.apiKey, apiSecret: creds.apiSecret });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('places, queries, lists and cancels an order, and sees it in the sim ground truth', async () => {
    const placed = (await client.order!({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.001',
      price: '50000.00',
      newClientOrderId: 'lib-order-1',
    })) as { orderId: unknown; clientOrderId: string; status: string };
    expect(placed).toMatchObject({ clientOrderId: 'lib-order-1', status: 'NEW' });

    const queried = (await client.getOrder!({
      symbol: 'BTCUSDT',
      origClientOrderId: 'lib-order-1',
    })) as { orderId: unknown; status: string };
    expect(String(queried.orderId)).toBe(String(placed.orderId));
    expect(queried.status).toBe('NEW');

    const open = (await client.openOrders!({ symbol: 'BTCUSDT' })) as Array<{
      clientOrderId: string;
    }>;
    expect(open.map((o) => o.clientOrderId)).toEqual(['lib-order-1']);

    const canceled = (await client.cancelOrder!({
      symbol: 'BTCUSDT',
      origClientOrderId: 'lib-order-1',
    })) as {
      origClientOrderId: string;
      status: string;
    };
    expect(canceled).toMatchObject({ origClientOrderId: 'lib-order-1', status: 'CANCELED' });
    expect(await client.openOrders!({ symbol: 'BTCUSDT' })).toEqual([]);

    const truth = await sim.admin.orders();
    expect(truth.map((o) => [o.clientOrderId, o.status])).toEqual([['lib-order-1', 'CANCELED']]);
  });

  it('reports a Binance error as the library does: numeric code, message, no HTTP status', async () => {
    const err = (await client.getOrder!({
      symbol: 'BTCUSDT',
      origClientOrderId: 'never-placed',
    }).catch((e: unknown) => e)) as {
      code: unknown;
      message: string;
      url: string;
    };
    expect(err.code).toBe(-2013);
    expect(err.message).toBe('Order does not exist.');
    expect(err.url).toContain('signature=');
    expect(Object.keys(err)).not.toContain('status');
  });
});
