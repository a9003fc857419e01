import { describe, expect, it } from 'vitest';
import { Dec } from './decimal.js';
import { checkFilters, type FilterInput } from './filters.js';
import { DEFAULT_SYMBOLS, type SymbolSpec } from './symbols.js';

const spec = (symbol: string) => DEFAULT_SYMBOLS.find((s) => s.symbol === symbol) as SymbolSpec;
const BTCUSDT = spec('BTCUSDT');
const ETHBTC = spec('ETHBTC');

function limit(price: string, quantity: string): FilterInput {
  return {
    type: 'LIMIT',
    price: new Dec(price),
    quantity: new Dec(quantity),
    notional: new Dec(price).mul(quantity),
  };
}
function market(quantity: string, notional: string): FilterInput {
  return { type: 'MARKET', quantity: new Dec(quantity), notional: new Dec(notional) };
}
const failure = (name: string) => ({ status: 400, code: -1013, msg: `Filter failure: ${name}` });

describe('checkFilters', () => {
  it('accepts an order on the tick and step grid, above the minimum notional', () => {
    expect(checkFilters(BTCUSDT, limit('60000.01', '0.00100'))).toBeUndefined();
    expect(checkFilters(BTCUSDT, market('0.001', '60'))).toBeUndefined();
  });

  it('refuses prices off the tick grid or outside [minPrice, maxPrice] with PRICE_FILTER', () => {
    expect(checkFilters(BTCUSDT, limit('60000.001', '0.001'))).toEqual(failure('PRICE_FILTER'));
    expect(checkFilters(BTCUSDT, limit('0.001', '1'))).toEqual(failure('PRICE_FILTER'));
    expect(checkFilters(BTCUSDT, limit('1000000.01', '0.001'))).toEqual(failure('PRICE_FILTER'));
  });

  it('refuses quantities off the step grid or outside [minQty, maxQty] with LOT_SIZE', () => {
    expect(checkFilters(BTCUSDT, limit('60000', '0.000015'))).toEqual(failure('LOT_SIZE'));
    expect(checkFilters(BTCUSDT, limit('60000', '0'))).toEqual(failure('LOT_SIZE'));
    expect(checkFilters(BTCUSDT, limit('1', '9000.00001'))).toEqual(failure('LOT_SIZE'));
  });

  it('applies MARKET_LOT_SIZE to market orders only (its zero step is disabled)', () => {
    expect(checkFilters(BTCUSDT, market('120.00001', '7200000'))).toEqual(
      failure('MARKET_LOT_SIZE'),
    );
    expect(checkFilters(BTCUSDT, limit('1', '120.00001'))).toBeUndefined();
  });

  it('applies NOTIONAL min to every order and max only to non-market orders', () => {
    expect(checkFilters(BTCUSDT, limit('100', '0.0001'))).toEqual(failure('NOTIONAL'));
    expect(checkFilters(BTCUSDT, market('0.00001', '0.6'))).toEqual(failure('NOTIONAL'));
    expect(checkFilters(BTCUSDT, limit('1000000', '9.1'))).toEqual(failure('NOTIONAL'));
    expect(checkFilters(BTCUSDT, market('100', '9100000'))).toBeUndefined();
  });

  it('enforces the older MIN_NOTIONAL filter where a symbol lists it', () => {
    expect(checkFilters(ETHBTC, limit('0.05', '0.001'))).toEqual(failure('MIN_NOTIONAL'));
    expect(checkFilters(ETHBTC, limit('0.05', '0.002'))).toBeUndefined();
    expect(checkFilters(ETHBTC, limit('900000', '1'))).toBeUndefined();
  });

  it('treats a zero bound or step as disabled', () => {
    const open: SymbolSpec = {
      ...BTCUSDT,
      priceFilter: { minPrice: '0', maxPrice: '0', tickSize: '0' },
      lotSize: { minQty: '0', maxQty: '0', stepSize: '0' },
    };
    expect(checkFilters(open, limit('123456789.123', '0.0000001'))).toBeUndefined();
  });
});
