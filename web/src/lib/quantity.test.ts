import { describe, expect, it } from 'vitest';
import { formatOrderSize, quoteAssetOf } from './quantity.js';

describe('quoteAssetOf', () => {
  it.each([
    ['BTCUSDT', 'USDT'],
    ['ETHFDUSD', 'FDUSD'],
    ['BNBBTC', 'BTC'],
    ['SOLUSDC', 'USDC'],
    ['USDT', undefined],
    ['XYZ', undefined],
    [undefined, undefined],
  ])('%s → %s', (symbol, asset) => {
    expect(quoteAssetOf(symbol)).toBe(asset);
  });
});

describe('formatOrderSize', () => {
  it('shows a base quantity as is', () => {
    expect(
      formatOrderSize({ quantity: '0.001', quoteOrderQty: undefined, symbol: 'BTCUSDT' }),
    ).toBe('0.001');
  });

  it('shows a quote-sized MARKET order as an amount of the quote asset, marked as such', () => {
    expect(formatOrderSize({ quantity: undefined, quoteOrderQty: '100', symbol: 'BTCUSDT' })).toBe(
      '100 USDT (quote)',
    );
    expect(formatOrderSize({ quantity: undefined, quoteOrderQty: '100', symbol: 'ODDPAIR' })).toBe(
      '100 (quote amount)',
    );
  });

  it('is unknown when neither is known', () => {
    expect(
      formatOrderSize({ quantity: undefined, quoteOrderQty: undefined, symbol: 'BTCUSDT' }),
    ).toBeUndefined();
  });
});
