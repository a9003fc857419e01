import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, simWithClient, type LooseClient } from '../test/int-sim.js';
import { SimAdminError, type SimHandle } from './index.js';

let sim: SimHandle;
let client: LooseClient;
beforeEach(async () => {
  ({ sim, client } = await simWithClient());
});
afterEach(() => sim.stop());

describe('order book with depth (admin /depth, /book)', () => {
  it('a MARKET order walks the synthetic levels: several fills, their quote sum, commission each', async () => {
    expect(
      await sim.admin.setDepth({
        symbol: 'BTCUSDT',
        levels: [
          { offset: '0', qty: '0.01' },
          { offset: '5.00', qty: '0.02' },
          { offset: '10.00', qty: '1' },
        ],
      }),
    ).toMatchObject({ symbol: 'BTCUSDT' });
    const book = await sim.admin.book('BTCUSDT');
    expect(book.asks.slice(0, 2)).toEqual([
      ['60000.00000000', '0.01000000'],
      ['60005.00000000', '0.02000000'],
    ]);
    expect(book.bids[1]).toEqual(['59995.00000000', '0.02000000']);
    const placed = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.04',
    });
    expect(placed).toMatchObject({
      status: 'FILLED',
      executedQty: '0.04000000',
      cummulativeQuoteQty: '2400.20000000',
    });
    expect(placed.fills.map((f: Record<string, unknown>) => ({ ...f }))).toEqual([
      {
        price: '60000.00000000',
        qty: '0.01000000',
        commission: '0.00002000',
        commissionAsset: 'BTC',
        tradeId: expect.any(Number),
      },
      {
        price: '60005.00000000',
        qty: '0.02000000',
        commission: '0.00004000',
        commissionAsset: 'BTC',
        tradeId: expect.any(Number),
      },
      {
        price: '60010.00000000',
        qty: '0.01000000',
        commission: '0.00002000',
        commissionAsset: 'BTC',
        tradeId: expect.any(Number),
      },
    ]);
    expect((await sim.admin.prices()).BTCUSDT).toBe('60010');
    const trades = await client.myTrades({ symbol: 'BTCUSDT', orderId: placed.orderId });
    expect(trades.map((t) => t.price)).toEqual([
      '60000.00000000',
      '60005.00000000',
      '60010.00000000',
    ]);
  });

  it('shows resting orders of every account in the book and trades across accounts', async () => {
    await sim.admin.setDepth({ symbol: 'ETHUSDT', levels: [{ offset: '10.00', qty: '5' }] });
    const maker = await sim.admin.createAccount({ balances: { ETH: '1' } });
    const ask = await clientFor(sim, maker).order({
      symbol: 'ETHUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '3005.00',
      quantity: '0.5',
    });
    expect((await sim.admin.book('ETHUSDT')).asks[0]).toEqual(['3005.00000000', '0.50000000']);
    const bought = await client.order({
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.2',
    });
    expect(bought.fills.map((f: { price: string }) => f.price)).toEqual(['3005.00000000']);
    const [makerOrder] = await sim.admin.orders({ apiKey: maker.apiKey });
    expect(makerOrder).toMatchObject({
      orderId: ask.orderId,
      status: 'PARTIALLY_FILLED',
      executedQty: '0.20000000',
    });
    expect(await sim.admin.setDepth({ symbol: 'ETHUSDT', levels: null })).toEqual({
      symbol: 'ETHUSDT',
      levels: null,
    });
    expect((await sim.admin.book('ETHUSDT')).asks[0]).toEqual(['3005.00000000', '9000.30000000']);
  });

  it('refuses an unknown symbol or a bad level', async () => {
    for (const call of [
      () => sim.admin.setDepth({ symbol: 'NOPE', levels: [] }),
      () => sim.admin.book('NOPE'),
      () => sim.admin.setDepth({ symbol: 'BTCUSDT', levels: [{ offset: '-1', qty: '1' }] }),
    ]) {
      const err = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SimAdminError);
    }
  });
});
