import { describe, expect, it } from 'vitest';
import { orderPayload, placeOrderRequestSchema } from './order-request.js';

const limit = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.001',
  price: '60000.00',
  timeInForce: 'GTC',
  clientOrderId: 'lg-abc',
} as const;

function issues(input: unknown): string[] {
  const result = placeOrderRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('placeOrderRequestSchema', () => {
  it('accepts well-formed LIMIT, LIMIT_MAKER and MARKET orders', () => {
    expect(issues(limit)).toEqual([]);
    expect(issues({ ...limit, type: 'LIMIT_MAKER', timeInForce: undefined })).toEqual([]);
    expect(
      issues({
        symbol: 'BTCUSDT',
        side: 'SELL',
        type: 'MARKET',
        quantity: '1',
        clientOrderId: 'x',
      }),
    ).toEqual([]);
    expect(
      issues({
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'MARKET',
        quoteOrderQty: '10',
        clientOrderId: 'x',
      }),
    ).toEqual([]);
  });

  it('refuses malformed amounts and ids', () => {
    expect(issues({ ...limit, quantity: '1e-3' })).toEqual([
      'quantity: must be a decimal string such as "12.5"',
    ]);
    expect(issues({ ...limit, price: '0' })).toEqual(['price: must be greater than 0']);
    expect(issues({ ...limit, clientOrderId: 'has space' })).toEqual([
      'clientOrderId: must be 1 to 36 characters of [A-Za-z0-9_-]',
    ]);
    expect(issues({ ...limit, symbol: 'btc' })).toHaveLength(1);
    expect(issues({ ...limit, extra: 1 })).toHaveLength(1);
  });

  it('enforces the fields each type needs and forbids the others', () => {
    expect(issues({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', clientOrderId: 'x' })).toEqual([
      'quantity: a MARKET order takes exactly one of quantity or quoteOrderQty',
    ]);
    expect(
      issues({
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'MARKET',
        quantity: '1',
        quoteOrderQty: '1',
        price: '1',
        timeInForce: 'GTC',
        clientOrderId: 'x',
      }),
    ).toEqual([
      'quantity: a MARKET order takes exactly one of quantity or quoteOrderQty',
      'price: not allowed on a MARKET order',
      'timeInForce: not allowed on a MARKET order',
    ]);
    expect(
      issues({
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        quoteOrderQty: '1',
        clientOrderId: 'x',
      }),
    ).toEqual([
      'quantity: required for a LIMIT order',
      'price: required for a LIMIT order',
      'quoteOrderQty: not allowed on a LIMIT order',
      'timeInForce: required for a LIMIT order',
    ]);
    expect(issues({ ...limit, type: 'LIMIT_MAKER' })).toEqual([
      'timeInForce: not allowed on a LIMIT_MAKER order',
    ]);
  });
});

describe('orderPayload', () => {
  it('sends amounts exactly as given, asks for FULL, and leaves unset fields out', () => {
    const market = placeOrderRequestSchema.parse({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '10.50',
      clientOrderId: 'x',
    });
    expect(orderPayload(market, 5000)).toStrictEqual({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      newClientOrderId: 'x',
      newOrderRespType: 'FULL',
      recvWindow: 5000,
      quoteOrderQty: '10.50',
    });
    expect(orderPayload(placeOrderRequestSchema.parse(limit), 3000)).toMatchObject({
      quantity: '0.001',
      price: '60000.00',
      timeInForce: 'GTC',
    });
  });
});
