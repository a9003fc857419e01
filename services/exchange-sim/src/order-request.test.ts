import { describe, expect, it } from 'vitest';
import { parseNewOrder } from './order-request.js';
import { DEFAULT_SYMBOLS } from './symbols.js';

const specs = new Map(DEFAULT_SYMBOLS.map((s) => [s.symbol, s]));
const LIMIT = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.001',
  price: '60000',
};

function parse(params: Record<string, string>) {
  return parseNewOrder(new Map(Object.entries(params)), specs);
}
function errorOf(params: Record<string, string>) {
  const result = parse(params);
  return result.ok ? undefined : { code: result.error.code, msg: result.error.msg };
}
function without(params: Record<string, string>, name: string) {
  return Object.fromEntries(Object.entries(params).filter(([k]) => k !== name));
}

describe('parseNewOrder', () => {
  it('parses a LIMIT order and defaults its answer to FULL', () => {
    const result = parse({ ...LIMIT, newClientOrderId: 'my-id_1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      newClientOrderId: 'my-id_1',
      respType: 'FULL',
    });
    expect(result.value.price?.toString()).toBe('60000');
    expect(result.value.spec.symbol).toBe('BTCUSDT');
  });

  it('defaults LIMIT_MAKER to ACK and honours an explicit newOrderRespType', () => {
    const maker = parse({ ...without(LIMIT, 'timeInForce'), type: 'LIMIT_MAKER' });
    expect(maker.ok && maker.value.respType).toBe('ACK');
    const result = parse({ ...LIMIT, newOrderRespType: 'RESULT' });
    expect(result.ok && result.value.respType).toBe('RESULT');
  });

  it('accepts MARKET with quantity or with quoteOrderQty', () => {
    const byQty = parse({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '1' });
    expect(byQty.ok && byQty.value.quantity?.toString()).toBe('1');
    const byQuote = parse({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '100.5',
    });
    expect(byQuote.ok && byQuote.value.quoteOrderQty?.toString()).toBe('100.5');
  });

  it('names missing mandatory parameters with -1102', () => {
    for (const name of ['symbol', 'side', 'type', 'timeInForce', 'quantity', 'price']) {
      expect(errorOf(without(LIMIT, name))).toEqual({
        code: -1102,
        msg: `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
      });
    }
    expect(errorOf({ ...LIMIT, side: '' })?.code).toBe(-1102);
    expect(errorOf({ ...LIMIT, type: '' })?.code).toBe(-1102);
    expect(errorOf({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET' })).toEqual({
      code: -1102,
      msg: "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
    });
  });

  it('refuses unknown symbols and enum values with their own codes', () => {
    expect(errorOf({ ...LIMIT, symbol: 'DOGEUSDT' })).toEqual({
      code: -1121,
      msg: 'Invalid symbol.',
    });
    expect(errorOf({ ...LIMIT, side: 'HOLD' })).toEqual({ code: -1117, msg: 'Invalid side.' });
    expect(errorOf({ ...LIMIT, type: 'ICEBERG' })).toEqual({
      code: -1116,
      msg: 'Invalid orderType.',
    });
    expect(errorOf({ ...LIMIT, type: 'STOP_LOSS_LIMIT' })).toEqual({
      code: -1014,
      msg: 'Unsupported order combination.',
    });
    expect(errorOf({ ...LIMIT, timeInForce: 'GTD' })).toEqual({
      code: -1115,
      msg: 'Invalid timeInForce.',
    });
    expect(errorOf({ ...LIMIT, newOrderRespType: 'ALL' })).toEqual({
      code: -1130,
      msg: "Data sent for parameter 'newOrderRespType' is not valid.",
    });
  });

  it('refuses parameters a type does not take', () => {
    const market = { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1' };
    expect(errorOf({ ...market, timeInForce: 'GTC' })).toEqual({
      code: -1114,
      msg: 'TimeInForce parameter sent when not required.',
    });
    expect(errorOf({ ...market, price: '1' })).toEqual({
      code: -1106,
      msg: "Parameter 'price' sent when not required.",
    });
    expect(errorOf({ ...market, quoteOrderQty: '1' })).toEqual({
      code: -1106,
      msg: "Parameter 'quoteOrderQty' sent when not required.",
    });
    expect(errorOf({ ...LIMIT, quoteOrderQty: '1' })?.code).toBe(-1106);
  });

  it('refuses malformed numbers with -1100 and too many decimals with -1111', () => {
    expect(errorOf({ ...LIMIT, quantity: '1e-3' })).toEqual({
      code: -1100,
      msg: "Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.",
    });
    expect(errorOf({ ...LIMIT, price: '-1' })?.code).toBe(-1100);
    expect(errorOf({ ...LIMIT, quantity: '0.000000001' })).toEqual({
      code: -1111,
      msg: "Parameter 'quantity' has too much precision.",
    });
    expect(
      errorOf({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: 'x' })?.code,
    ).toBe(-1100);
  });

  it('checks the client order id: empty -1118, outside ^[a-zA-Z0-9-_]{1,36}$ -1100', () => {
    expect(errorOf({ ...LIMIT, newClientOrderId: '' })).toEqual({
      code: -1118,
      msg: 'New client order ID was empty.',
    });
    expect(errorOf({ ...LIMIT, newClientOrderId: 'a'.repeat(37) })).toEqual({
      code: -1100,
      msg: "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.",
    });
    expect(errorOf({ ...LIMIT, newClientOrderId: 'has space' })?.code).toBe(-1100);
    expect(errorOf({ ...LIMIT, newClientOrderId: 'a'.repeat(36) })).toBeUndefined();
  });
});
