import { describe, expect, it } from 'vitest';
import { exposureLines } from './money-exposure.js';

describe('money - exposure', () => {
  it('sums fills and open orders per venue, strategy and base asset', () => {
    const lines = exposureLines(
      [
        { venue: 'paper', source: 'alpha', symbol: 'BTCUSDT', net: '0.5' },
        { venue: 'paper', source: 'alpha', symbol: 'BTCFDUSD', net: '-0.2' },
        { venue: 'live', source: 'alpha', symbol: 'BTCUSDT', net: '1' },
        { venue: 'paper', source: 'beta', symbol: 'ETHBTC', net: '0' },
      ],
      [
        { venue: 'paper', source: 'alpha', symbol: 'BTCUSDT', side: 'BUY', rest: '0.1' },
        { venue: 'paper', source: 'alpha', symbol: 'BTCUSDT', side: 'SELL', rest: '0.4' },
        { venue: 'paper', source: 'alpha', symbol: 'BTCUSDT', side: 'SELL', rest: '0.1' },
        { venue: 'paper', source: 'gamma', symbol: 'ODDPAIR', side: 'BUY', rest: '3' },
      ],
    );
    expect(lines).toEqual([
      {
        venue: 'paper',
        source: 'alpha',
        asset: 'BTC',
        position: '0.3',
        openBuy: '0.1',
        openSell: '0.5',
        ifBuysFill: '0.4',
        ifSellsFill: '-0.2',
      },
      {
        venue: 'live',
        source: 'alpha',
        asset: 'BTC',
        position: '1',
        openBuy: '0',
        openSell: '0',
        ifBuysFill: '1',
        ifSellsFill: '1',
      },
      {
        venue: 'paper',
        source: 'gamma',
        asset: 'ODDPAIR',
        position: '0',
        openBuy: '3',
        openSell: '0',
        ifBuysFill: '3',
        ifSellsFill: '0',
      },
    ]);
  });

  it('is empty without fills or open orders', () => {
    expect(exposureLines([], [])).toEqual([]);
  });
});
