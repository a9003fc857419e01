import { describe, expect, it } from 'vitest';
import { Dec } from './decimal.js';
import { symbolInfo } from './exchange-info.js';
import { checkFilters } from './filters.js';
import { withinPriceBand } from './price-band.js';
import { avgPriceMinsOf, DEFAULT_SYMBOLS, type SymbolSpec } from './symbols.js';

const BTCUSDT = DEFAULT_SYMBOLS[0] as SymbolSpec;
const { percentPriceBySide: _band, avgPriceMins: _mins, ...bare } = BTCUSDT;
const uneven: SymbolSpec = {
  ...BTCUSDT,
  percentPriceBySide: {
    bidMultiplierUp: '1.2',
    bidMultiplierDown: '0.2',
    askMultiplierUp: '5',
    askMultiplierDown: '0.8',
  },
};
const avg = new Dec('100');

describe('PERCENT_PRICE_BY_SIDE band', () => {
  it('uses the bid multipliers for BUY and the ask multipliers for SELL, bounds included', () => {
    expect(withinPriceBand(uneven, 'BUY', new Dec('120'), avg)).toBe(true);
    expect(withinPriceBand(uneven, 'BUY', new Dec('120.01'), avg)).toBe(false);
    expect(withinPriceBand(uneven, 'BUY', new Dec('20'), avg)).toBe(true);
    expect(withinPriceBand(uneven, 'BUY', new Dec('19.99'), avg)).toBe(false);
    expect(withinPriceBand(uneven, 'SELL', new Dec('500'), avg)).toBe(true);
    expect(withinPriceBand(uneven, 'SELL', new Dec('79.99'), avg)).toBe(false);
  });

  it('is checked after LOT_SIZE and before NOTIONAL, only when a band is given', () => {
    const far = { type: 'LIMIT' as const, price: new Dec('1'), quantity: new Dec('0.001') };
    const band = { side: 'BUY' as const, average: new Dec('60000') };
    expect(checkFilters(BTCUSDT, { ...far, notional: new Dec('0.001'), band })?.msg).toBe(
      'Filter failure: PERCENT_PRICE_BY_SIDE',
    );
    expect(
      checkFilters(BTCUSDT, { ...far, quantity: new Dec('0.000001'), notional: new Dec(0), band })
        ?.msg,
    ).toBe('Filter failure: LOT_SIZE');
    expect(checkFilters(BTCUSDT, { ...far, notional: new Dec('0.001') })?.msg).toBe(
      'Filter failure: NOTIONAL',
    );
  });

  it('a symbol without the filter has no band, no PERCENT_PRICE_BY_SIDE entry, and 5 avgPriceMins', () => {
    expect(withinPriceBand(bare, 'BUY', new Dec('0.01'), avg)).toBe(true);
    expect(symbolInfo(bare).filters.map((f) => f.filterType)).not.toContain(
      'PERCENT_PRICE_BY_SIDE',
    );
    expect(avgPriceMinsOf(bare)).toBe(5);
    expect(avgPriceMinsOf({ ...bare, avgPriceMins: 1 })).toBe(1);
  });
});
