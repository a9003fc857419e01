import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawSigned, simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimCredentials, SimHandle } from './index.js';

let sim: SimHandle;
let creds: SimCredentials;
let client: LooseClient;
beforeEach(async () => {
  ({ sim, creds, client } = await simWithClient());
  await sim.admin.setDepth({ symbol: 'BTCUSDT', levels: [{ offset: '10.00', qty: '1' }] });
});
afterEach(() => sim.stop());

const limit = (
  side: string,
  price: string,
  quantity: string,
  extra: Record<string, string> = {},
) => ({
  symbol: 'BTCUSDT',
  side,
  type: 'LIMIT',
  timeInForce: 'GTC',
  price,
  quantity,
  ...extra,
});
const post = (params: Record<string, string>) =>
  rawSigned(sim, creds, '/api/v3/order', params, { method: 'POST' });

describe('selfTradePreventionMode over REST', () => {
  it('EXPIRE_MAKER (default): the resting order ends EXPIRED_IN_MATCH with preventedMatchId / preventedQuantity', async () => {
    const maker = await client.order(limit('SELL', '60005.00', '0.3'));
    expect(maker.selfTradePreventionMode).toBe('EXPIRE_MAKER');
    const taker = await client.order(limit('BUY', '60010.00', '0.1'));
    expect(taker).toMatchObject({ status: 'FILLED', selfTradePreventionMode: 'EXPIRE_MAKER' });
    expect(taker.preventedMatches.map((p: Record<string, unknown>) => ({ ...p }))).toEqual([
      {
        preventedMatchId: 0,
        makerOrderId: maker.orderId,
        price: '60005.00000000',
        makerPreventedQuantity: '0.30000000',
      },
    ]);
    expect(taker.fills.map((f: { price: string }) => f.price)).toEqual(['60010.00000000']);
    expect(await client.getOrder({ symbol: 'BTCUSDT', orderId: maker.orderId })).toMatchObject({
      status: 'EXPIRED_IN_MATCH',
      preventedMatchId: 0,
      preventedQuantity: '0.30000000',
    });
  });

  it('EXPIRE_TAKER: the new order ends EXPIRED_IN_MATCH (RESULT answer), the resting one stays', async () => {
    const maker = await client.order(limit('SELL', '60005.00', '0.3'));
    const taker = await client.order(
      limit('BUY', '60010.00', '0.1', {
        selfTradePreventionMode: 'EXPIRE_TAKER',
        newOrderRespType: 'RESULT',
      }),
    );
    expect(taker).toMatchObject({
      status: 'EXPIRED_IN_MATCH',
      executedQty: '0.00000000',
      preventedMatchId: 0,
      preventedQuantity: '0.10000000',
    });
    expect({ ...taker.preventedMatches[0] }).toEqual({
      preventedMatchId: 0,
      makerOrderId: maker.orderId,
      price: '60005.00000000',
      takerPreventedQuantity: '0.10000000',
    });
    expect((await client.openOrders({ symbol: 'BTCUSDT' })).map((o) => o.orderId)).toEqual([
      maker.orderId,
    ]);
  });

  it('NONE trades with itself; DECREMENT takes the smaller quantity from both', async () => {
    await client.order(limit('SELL', '60005.00', '0.3', { selfTradePreventionMode: 'NONE' }));
    const none = await client.order(
      limit('BUY', '60010.00', '0.1', { selfTradePreventionMode: 'NONE' }),
    );
    expect(none.fills.map((f: { price: string }) => f.price)).toEqual(['60005.00000000']);
    const dec = await client.order(
      limit('BUY', '60010.00', '0.1', { selfTradePreventionMode: 'DECREMENT' }),
    );
    expect(dec).toMatchObject({ status: 'EXPIRED_IN_MATCH', preventedQuantity: '0.10000000' });
    const [maker] = await client.openOrders({ symbol: 'BTCUSDT' });
    expect(maker).toMatchObject({
      status: 'PARTIALLY_FILLED',
      executedQty: '0.10000000',
      preventedQuantity: '0.10000000',
    });
  });

  it('refuses a mode that is not a mode (-1130); a symbol decides what it allows (-1013)', async () => {
    const bad = await post(limit('BUY', '59000', '0.01', { selfTradePreventionMode: 'SOMETIMES' }));
    expect(bad.body).toEqual({
      code: -1130,
      msg: "Data sent for parameter 'selfTradePreventionMode' is not valid.",
    });
    const transfer = await post(
      limit('BUY', '59000', '0.01', { selfTradePreventionMode: 'TRANSFER' }),
    );
    expect(transfer.body).toEqual({
      code: -1013,
      msg: 'This symbol does not allow the specified self-trade prevention mode.',
    });
  });
});

describe('icebergQty', () => {
  it('is refused where icebergAllowed is false (ETHBTC) and validated where it is allowed', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [
        { ...limit('BUY', '0.05', '1', { icebergQty: '0.1' }), symbol: 'ETHBTC' },
        -2010,
        'Iceberg orders are not supported for this symbol.',
      ],
      [limit('BUY', '59000', '0.1', { icebergQty: '0.1' }), -2010, 'IcebergQty exceeds QTY.'],
      [
        limit('BUY', '59000', '0.1', { icebergQty: '0.01', timeInForce: 'IOC' }),
        -1014,
        'Unsupported order combination.',
      ],
      [
        { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1', icebergQty: '0.01' },
        -1014,
        'Unsupported order combination.',
      ],
      [limit('BUY', '59000', '0.1', { icebergQty: '0.000015' }), -1013, 'Filter failure: LOT_SIZE'],
      [limit('BUY', '59000', '10000', { icebergQty: '9000.5' }), -1013, 'Filter failure: LOT_SIZE'],
      [
        limit('BUY', '59000', '0.1', { icebergQty: '0.00099' }),
        -1013,
        'Filter failure: ICEBERG_PARTS',
      ],
      [
        limit('BUY', '59000', '0.1', { icebergQty: '0.01x' }),
        -1100,
        "Illegal characters found in parameter 'icebergQty'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.",
      ],
    ];
    for (const [params, code, msg] of cases) {
      expect({ params, body: (await post(params)).body }).toEqual({ params, body: { code, msg } });
    }
    expect(await sim.admin.orders()).toEqual([]);
  });

  it('rests an iceberg showing only its visible part in the book, and echoes icebergQty', async () => {
    const placed = await client.order(limit('BUY', '59000.00', '0.1', { icebergQty: '0.01' }));
    expect(placed).toMatchObject({ status: 'NEW', icebergQty: '0.01000000' });
    const maker = await client.order({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT_MAKER',
      price: '61000.00',
      quantity: '0.1',
      icebergQty: '0.02',
    });
    expect(maker.orderId).toBeGreaterThan(placed.orderId);
    expect(await client.getOrder({ symbol: 'BTCUSDT', orderId: placed.orderId })).toMatchObject({
      icebergQty: '0.01000000',
    });
    const book = await sim.admin.book('BTCUSDT');
    expect(book.bids.find(([p]) => p === '59000.00000000')).toEqual([
      '59000.00000000',
      '0.01000000',
    ]);
  });
});
