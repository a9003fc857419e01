import BinanceModule from 'binance-api-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simWithClient, type LooseClient, type Row } from '../test/int-sim.js';
import type { SimCredentials, SimHandle } from './index.js';

const Binance = ((BinanceModule as unknown as { default?: unknown }).default ??
  BinanceModule) as typeof BinanceModule.default;

type Close = (options?: Record<string, unknown>) => void;
interface UserStreamClient {
  ws: { user(cb: (event: Row) => void): Promise<Close> };
}

let sim: SimHandle;
let creds: SimCredentials;
let client: LooseClient;
let close: Close | undefined;
beforeEach(async () => {
  ({ sim, creds, client } = await simWithClient());
  close = undefined;
});
afterEach(async () => {
  close?.();
  await sim.stop();
});

describe("binance-api-node's own ws.user against the simulator", () => {
  it('subscribes with userDataStream.subscribe.signature and gets executionReport, reconnecting after a drop', async () => {
    // wsApi MUST point at the simulator: without it the library connects to production.
    const lib = Binance({
      apiKey: creds.apiKey,
      apiSecret: creds.apiSecret,
      httpBase: sim.url,
      wsApi: sim.wsApiUrl,
    }) as unknown as UserStreamClient;
    const events: Row[] = [];
    close = await lib.ws.user((event) => events.push(event));
    const placed = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '59000.00',
      quantity: '0.01',
      newClientOrderId: 'lib-ws-1',
    });
    await expect
      .poll(() => events.find((e) => e.eventType === 'executionReport'), { timeout: 5000 })
      .toMatchObject({
        symbol: 'BTCUSDT',
        newClientOrderId: 'lib-ws-1',
        originalClientOrderId: '',
        side: 'BUY',
        orderType: 'LIMIT',
        executionType: 'NEW',
        orderStatus: 'NEW',
        orderId: placed.orderId,
        price: '59000.00000000',
        quantity: '0.01000000',
        isOrderWorking: true,
      });
    await expect
      .poll(() => events.find((e) => e.eventType === 'outboundAccountPosition'), { timeout: 5000 })
      .toMatchObject({
        balances: expect.arrayContaining([
          { asset: 'USDT', free: '99410.00000000', locked: '590.00000000' },
        ]),
      });

    // a network cut: the library reconnects by itself (4–10 s) and subscribes again
    await sim.admin.dropWebsockets();
    await expect
      .poll(async () => (await sim.admin.websockets()).userSubscriptions, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(1);
    await client.cancelOrder({
      symbol: 'BTCUSDT',
      orderId: placed.orderId,
      newClientOrderId: 'lib-cancel',
    });
    await expect
      .poll(() => events.find((e) => e.executionType === 'CANCELED'), { timeout: 5000 })
      .toMatchObject({ newClientOrderId: 'lib-cancel', originalClientOrderId: 'lib-ws-1' });
  }, 40_000);
});
