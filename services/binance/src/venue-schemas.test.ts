import { describe, expect, it } from 'vitest';
import { accountSchema } from './account.js';
import { exchangeInfoSchema, symbolInfoSchema } from './exchange-info.js';
import {
  accountBody,
  btcusdtInfo,
  canceledBody,
  placedBody,
  queriedBody,
} from './fixtures.test-support.js';
import {
  canceledOrderSchema,
  placedOrderSchema,
  queriedOrderSchema,
  venueTradeSchema,
} from './venue-order.js';

const issuesOf = (result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
}) => result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('exchangeInfo', () => {
  it('keys symbols by name and keeps known filters typed, unknown ones by name', () => {
    const info = exchangeInfoSchema.parse({ serverTime: 5, symbols: [btcusdtInfo] });
    const btc = info.symbols.get('BTCUSDT');
    expect(btc?.filters.priceFilter).toEqual({
      minPrice: '0.01000000',
      maxPrice: '1000000.00000000',
      tickSize: '0.01000000',
    });
    expect(btc?.filters.notional).toMatchObject({
      applyMinToMarket: true,
      applyMaxToMarket: false,
    });
    expect(btc?.filters.maxNumOrders).toEqual({ maxNumOrders: 200 });
    expect(btc?.filters.other).toEqual(['ICEBERG_PARTS']);
    expect(info.serverTime).toBe(5);
  });

  it('refuses a known filter with bad fields, naming where', () => {
    const bad = {
      ...btcusdtInfo,
      filters: [{ filterType: 'LOT_SIZE', minQty: '0.1', maxQty: 'lots', stepSize: '0.1' }],
    };
    expect(issuesOf(symbolInfoSchema.safeParse(bad))).toEqual([
      'filters.0.maxQty: must be a decimal string',
    ]);
  });

  it('falls back to quotePrecision and refuses a symbol with neither precision', () => {
    expect(
      symbolInfoSchema.parse({ ...btcusdtInfo, quoteAssetPrecision: undefined, quotePrecision: 6 })
        .quoteAssetPrecision,
    ).toBe(6);
    expect(
      issuesOf(
        symbolInfoSchema.safeParse({
          ...btcusdtInfo,
          quoteAssetPrecision: undefined,
          quotePrecision: undefined,
        }),
      ),
    ).toEqual(['quoteAssetPrecision: required']);
  });
});

describe('account', () => {
  it('takes the taker rate from commissionRates when sent, else takerCommission / 10000', () => {
    expect(accountSchema.parse(accountBody).takerRate).toBe('0.001');
    expect(
      accountSchema.parse({ ...accountBody, commissionRates: { maker: '0.0002', taker: '0.0004' } })
        .takerRate,
    ).toBe('0.0004');
    expect(accountSchema.parse(accountBody).balances.get('BTC')).toEqual({
      asset: 'BTC',
      free: '1.00000000',
      locked: '0.00000000',
    });
  });
});

describe('orders', () => {
  it('a RESULT placement answer (no fills) gives an empty fill list', () => {
    const { fills: _fills, ...result } = placedBody;
    expect(placedOrderSchema.parse(result).fills).toEqual([]);
    expect(
      placedOrderSchema.parse({
        ...placedBody,
        fills: [{ price: '1', qty: '1', commission: '0', commissionAsset: 'BTC', tradeId: 9 }],
      }).fills,
    ).toEqual([{ price: '1', qty: '1', commission: '0', commissionAsset: 'BTC', tradeId: '9' }]);
  });

  it('a queried order without updateTime is stamped with its time; a cancel without transactTime with nothing', () => {
    const { updateTime: _u, ...noUpdate } = queriedBody;
    expect(queriedOrderSchema.parse(noUpdate).updatedAt).toBe(1_700_000_000_100);
    const { transactTime: _t, clientOrderId: _c, ...bare } = canceledBody;
    expect(canceledOrderSchema.parse(bare)).toMatchObject({
      clientOrderId: 'lg-abc',
      updatedAt: undefined,
    });
  });

  it('ids may come as strings (from BigNumber) and must be integers; EXPIRED_IN_MATCH is a status', () => {
    expect(
      queriedOrderSchema.parse({
        ...queriedBody,
        orderId: '98765432109876543210',
        status: 'EXPIRED_IN_MATCH',
      }),
    ).toMatchObject({
      orderId: '98765432109876543210',
      status: 'EXPIRED_IN_MATCH',
    });
    expect(issuesOf(queriedOrderSchema.safeParse({ ...queriedBody, orderId: '1.5' }))).toEqual([
      'orderId: must be an integer',
    ]);
    expect(issuesOf(venueTradeSchema.safeParse({}))?.length).toBeGreaterThan(5);
  });
});
