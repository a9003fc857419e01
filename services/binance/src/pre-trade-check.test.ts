import { describe, expect, it } from 'vitest';
import type { VenueBalance } from './account.js';
import { symbolInfoSchema } from './exchange-info.js';
import { btcusdtInfo, ethbtcInfo } from './fixtures.test-support.js';
import { placeOrderRequestSchema, type PlaceOrderRequest } from './order-request.js';
import { checkBalance, checkNotional, checkRules, needsReferencePrice } from './pre-trade-check.js';

const btc = symbolInfoSchema.parse(btcusdtInfo);
const ethbtc = symbolInfoSchema.parse(ethbtcInfo);

function order(fields: Partial<PlaceOrderRequest>): PlaceOrderRequest {
  const base = { symbol: 'BTCUSDT', side: 'BUY', clientOrderId: 'lg-x' } as const;
  const shaped =
    fields.type === 'MARKET'
      ? { ...base, ...fields }
      : {
          ...base,
          type: 'LIMIT',
          quantity: '0.001',
          price: '60000.00',
          timeInForce: 'GTC',
          ...fields,
        };
  return placeOrderRequestSchema.parse(shaped);
}

const codeOf = (r: { code: string } | undefined) => r?.code;

describe('checkRules', () => {
  it('passes an order that fits every filter', () => {
    expect(checkRules(order({}), btc)).toBeUndefined();
    expect(
      checkRules(
        order({ type: 'MARKET', quantity: '0.5', price: undefined, timeInForce: undefined }),
        btc,
      ),
    ).toBeUndefined();
  });

  it.each([
    [
      'price off the tick is refused, not rounded',
      { price: '60000.005' },
      'PRICE_FILTER',
      'PRICE_FILTER: price 60000.005 is not a multiple of 0.01',
    ],
    [
      'price below min',
      { price: '0.001' },
      'PRICE_FILTER',
      'PRICE_FILTER: price 0.001 is below the minimum 0.01',
    ],
    [
      'price above max',
      { price: '1000000.01' },
      'PRICE_FILTER',
      'PRICE_FILTER: price 1000000.01 is above the maximum 1000000',
    ],
    [
      'quantity off the step',
      { quantity: '0.000015' },
      'LOT_SIZE',
      'LOT_SIZE: quantity 0.000015 is not a multiple of 0.00001',
    ],
    [
      'quantity below min',
      { quantity: '0.000001' },
      'LOT_SIZE',
      'LOT_SIZE: quantity 0.000001 is below the minimum 0.00001',
    ],
    [
      'quantity above max',
      { quantity: '9000.1' },
      'LOT_SIZE',
      'LOT_SIZE: quantity 9000.1 is above the maximum 9000',
    ],
    [
      'too many decimals',
      { quantity: '0.000010000' },
      'PRECISION',
      'PRECISION: quantity 0.000010000 has more than 8 decimal places',
    ],
  ])('%s', (_name, fields, code, message) => {
    expect(checkRules(order(fields), btc)).toEqual({
      kind: 'rejected',
      source: 'local',
      code,
      message,
    });
  });

  it('MARKET_LOT_SIZE applies to MARKET orders only', () => {
    const market = order({ type: 'MARKET', quantity: '121' });
    expect(checkRules(market, btc)).toMatchObject({
      code: 'MARKET_LOT_SIZE',
      message: 'MARKET_LOT_SIZE: quantity 121 is above the maximum 120',
    });
    expect(checkRules(order({ quantity: '121' }), btc)).toBeUndefined();
  });

  it('MAX_NUM_ORDERS when the count of open orders is known', () => {
    expect(checkRules(order({}), btc, 199)).toBeUndefined();
    expect(checkRules(order({}), btc, 200)).toMatchObject({ code: 'MAX_NUM_ORDERS' });
    expect(checkRules(order({}), ethbtc, 10_000)).toBeUndefined();
  });

  it('refuses an order type or quoteOrderQty the symbol does not take', () => {
    const limited = { ...btc, orderTypes: ['LIMIT'] };
    expect(
      codeOf(checkRules(order({ type: 'LIMIT_MAKER', timeInForce: undefined }), limited)),
    ).toBe('INVALID_INTENT');
    expect(
      checkRules(order({ type: 'MARKET', quoteOrderQty: '10', symbol: 'ETHBTC' }), ethbtc),
    ).toMatchObject({
      code: 'INVALID_INTENT',
      message: 'INVALID_INTENT: quoteOrderQty MARKET orders are not allowed on ETHBTC',
    });
    expect(checkRules(order({}), { ...btc, orderTypes: [] })).toBeUndefined();
  });

  it('skips filters the symbol does not have', () => {
    const bare = { ...btc, filters: { other: [] } };
    expect(
      checkRules(order({ price: '0.00000001', quantity: '0.00000001' }), bare),
    ).toBeUndefined();
    expect(checkNotional(order({ quantity: '0.00000001' }), bare, undefined)).toBeUndefined();
  });

  it('checks quoteOrderQty precision against the quote asset', () => {
    expect(checkRules(order({ type: 'MARKET', quoteOrderQty: '10.123456789' }), btc)).toMatchObject(
      { code: 'PRECISION' },
    );
  });
});

describe('checkNotional', () => {
  it('values a LIMIT order at its price', () => {
    expect(checkNotional(order({ quantity: '0.00008' }), btc, undefined)).toEqual({
      kind: 'rejected',
      source: 'local',
      code: 'NOTIONAL',
      message: 'NOTIONAL: notional 4.8 is below 5',
    });
    expect(checkNotional(order({ quantity: '0.0001' }), btc, undefined)).toBeUndefined();
    expect(
      checkNotional(order({ quantity: '151', price: '60000.00' }), btc, undefined),
    ).toMatchObject({
      code: 'NOTIONAL',
      message: 'NOTIONAL: notional 9060000 is above 9000000',
    });
  });

  it('values a MARKET order at the reference price, where the filter applies to MARKET', () => {
    const market = order({ type: 'MARKET', quantity: '0.00008' });
    expect(checkNotional(market, btc, '60000.00')).toMatchObject({
      code: 'NOTIONAL',
      message: 'NOTIONAL: notional 4.8 at reference price 60000.00 is below 5',
    });
    expect(checkNotional(market, btc, '70000')).toBeUndefined();
    expect(checkNotional(order({ type: 'MARKET', quantity: '151' }), btc, '60000')).toBeUndefined();
    expect(
      checkNotional(order({ type: 'MARKET', quoteOrderQty: '4.99' }), btc, undefined),
    ).toMatchObject({
      message: 'NOTIONAL: notional 4.99 is below 5',
    });
  });

  it('MIN_NOTIONAL respects applyToMarket', () => {
    const small = { symbol: 'ETHBTC', quantity: '0.001', price: '0.05000' } as const;
    expect(checkNotional(order(small), ethbtc, undefined)).toMatchObject({
      code: 'MIN_NOTIONAL',
      message: 'MIN_NOTIONAL: notional 0.00005 is below 0.0001',
    });
    expect(
      checkNotional(order({ symbol: 'ETHBTC', type: 'MARKET', quantity: '0.001' }), ethbtc, '0.05'),
    ).toBeUndefined();
    const applies = {
      ...ethbtc,
      filters: { ...ethbtc.filters, minNotional: { minNotional: '0.0001', applyToMarket: true } },
    };
    expect(
      checkNotional(
        order({ symbol: 'ETHBTC', type: 'MARKET', quantity: '0.001' }),
        applies,
        '0.05',
      ),
    ).toMatchObject({ code: 'MIN_NOTIONAL' });
  });

  it('a NOTIONAL that applies neither min nor max to MARKET lets any MARKET through', () => {
    const lax = {
      ...btc,
      filters: {
        ...btc.filters,
        notional: {
          minNotional: '5',
          applyMinToMarket: false,
          maxNotional: '0',
          applyMaxToMarket: true,
        },
      },
    };
    expect(checkNotional(order({ type: 'MARKET', quantity: '0.00001' }), lax, '1')).toBeUndefined();
    expect(checkNotional(order({ quantity: '9000' }), lax, undefined)).toBeUndefined();
  });
});

describe('needsReferencePrice', () => {
  it('only MARKET orders valued by quantity, or selling by quote amount', () => {
    expect(needsReferencePrice(order({}))).toBe(false);
    expect(needsReferencePrice(order({ type: 'MARKET', quantity: '1' }))).toBe(true);
    expect(needsReferencePrice(order({ type: 'MARKET', quoteOrderQty: '10' }))).toBe(false);
    expect(needsReferencePrice(order({ type: 'MARKET', quoteOrderQty: '10', side: 'SELL' }))).toBe(
      true,
    );
  });
});

describe('checkBalance', () => {
  const balances = new Map<string, VenueBalance>([
    ['USDT', { asset: 'USDT', free: '60.06', locked: '0' }],
    ['BTC', { asset: 'BTC', free: '0.001001', locked: '0' }],
  ]);

  it('a BUY needs the quote cost plus commission', () => {
    expect(checkBalance(order({}), btc, undefined, balances, '0.001')).toBeUndefined();
    expect(checkBalance(order({ price: '60000.01' }), btc, undefined, balances, '0.001')).toEqual({
      kind: 'rejected',
      source: 'local',
      code: 'INSUFFICIENT_BALANCE',
      message:
        'INSUFFICIENT_BALANCE: needs 60.06001001 USDT (cost plus commission at 0.001), free is 60.06',
    });
  });

  it('a MARKET BUY is valued at the reference price, or its quoteOrderQty', () => {
    expect(
      checkBalance(order({ type: 'MARKET', quantity: '0.001' }), btc, '61000', balances, '0'),
    ).toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    expect(
      checkBalance(
        order({ type: 'MARKET', quoteOrderQty: '60' }),
        btc,
        undefined,
        balances,
        '0.001',
      ),
    ).toBeUndefined();
  });

  it('a SELL needs the base quantity plus commission', () => {
    expect(
      checkBalance(order({ side: 'SELL' }), btc, undefined, balances, '0.001'),
    ).toBeUndefined();
    expect(
      checkBalance(order({ side: 'SELL', quantity: '0.00101' }), btc, undefined, balances, '0.001'),
    ).toMatchObject({
      message:
        'INSUFFICIENT_BALANCE: needs 0.00101101 BTC (cost plus commission at 0.001), free is 0.001001',
    });
    expect(
      checkBalance(
        order({ side: 'SELL', type: 'MARKET', quoteOrderQty: '61' }),
        btc,
        '60000',
        balances,
        '0',
      ),
    ).toMatchObject({
      message:
        'INSUFFICIENT_BALANCE: needs 0.00101667 BTC (cost plus commission at 0), free is 0.001001',
    });
  });

  it('an asset the account does not hold counts as zero', () => {
    expect(checkBalance(order({}), btc, undefined, new Map(), '0')).toMatchObject({
      message: expect.stringContaining('free is 0'),
    });
  });
});
