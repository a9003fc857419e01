import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimHandle } from './index.js';

let sim: SimHandle;
let client: LooseClient;
beforeAll(async () => {
  ({ sim, client } = await simWithClient());
  await sim.admin.setLiquidity({ symbol: 'BTCUSDT', maxQty: '0.002' });
});
afterAll(() => sim.stop());

const order = (fields: Record<string, string>) =>
  client.order({ symbol: 'BTCUSDT', side: 'BUY', quantity: '0.005', ...fields });
const limit = (timeInForce: string, price: string, extra: Record<string, string> = {}) =>
  order({ type: 'LIMIT', timeInForce, price, ...extra });

describe('expiryReason', () => {
  it('names why a taker order expired, on RESULT and FULL answers and on queries', async () => {
    const ioc = await limit('IOC', '60000.00');
    expect(ioc).toMatchObject({
      status: 'EXPIRED',
      executedQty: '0.00200000',
      expiryReason: 'UNFILLED_IOC_QUANTITY_EXPIRED',
    });
    const fok = await limit('FOK', '60000.00', { newOrderRespType: 'RESULT' });
    expect(fok).toMatchObject({
      status: 'EXPIRED',
      executedQty: '0.00000000',
      expiryReason: 'UNFILLED_FOK_ORDER_EXPIRED',
    });
    const market = await order({ type: 'MARKET' });
    expect(market).toMatchObject({ status: 'EXPIRED', expiryReason: 'INSUFFICIENT_LIQUIDITY' });
    const resting = await limit('IOC', '59000.00', { newOrderRespType: 'ACK' });
    expect(resting).not.toHaveProperty('expiryReason');
    expect(await client.getOrder({ symbol: 'BTCUSDT', orderId: resting.orderId })).toMatchObject({
      status: 'EXPIRED',
      expiryReason: 'UNFILLED_IOC_QUANTITY_EXPIRED',
    });
    const all = await client.allOrders({ symbol: 'BTCUSDT' });
    expect(all.map((o) => o.expiryReason)).toEqual([
      'UNFILLED_IOC_QUANTITY_EXPIRED',
      'UNFILLED_FOK_ORDER_EXPIRED',
      'INSUFFICIENT_LIQUIDITY',
      'UNFILLED_IOC_QUANTITY_EXPIRED',
    ]);
  });

  it('is EXCHANGE_CANCELED when the exchange (admin) expires a resting order, and absent otherwise', async () => {
    const filled = await order({ type: 'MARKET', quantity: '0.001' });
    expect(filled.status).toBe('FILLED');
    expect(filled).not.toHaveProperty('expiryReason');
    const resting = await limit('GTC', '59000.00');
    expect(resting).not.toHaveProperty('expiryReason');
    const expired = await sim.admin.expireOrder(resting.orderId);
    expect(expired.expiryReason).toBe('EXCHANGE_CANCELED');
    expect(await client.getOrder({ symbol: 'BTCUSDT', orderId: resting.orderId })).toMatchObject({
      status: 'EXPIRED',
      expiryReason: 'EXCHANGE_CANCELED',
    });
    const other = await limit('GTC', '58000.00');
    await client.cancelOrder({ symbol: 'BTCUSDT', orderId: other.orderId });
    expect(await client.getOrder({ symbol: 'BTCUSDT', orderId: other.orderId })).not.toHaveProperty(
      'expiryReason',
    );
  });
});
