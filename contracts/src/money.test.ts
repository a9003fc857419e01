import { describe, expect, it } from 'vitest';
import { moneyPnlQuerySchema, moneyPnlSchema, signedDecimalString, splitSymbol } from './money.js';

describe('money - contracts', () => {
  it('splits a symbol by its known quote asset', () => {
    expect(splitSymbol('BTCUSDT')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(splitSymbol('ETHBTC')).toEqual({ base: 'ETH', quote: 'BTC' });
    expect(splitSymbol('BNBFDUSD')).toEqual({ base: 'BNB', quote: 'FDUSD' });
    expect(splitSymbol('USDT')).toBeUndefined();
    expect(splitSymbol('ABCXYZ')).toBeUndefined();
  });

  it('takes signed decimals for P&L and refuses floats-as-text oddities', () => {
    expect(signedDecimalString.parse('-12.5')).toBe('-12.5');
    expect(signedDecimalString.parse('0')).toBe('0');
    for (const bad of ['1e3', '+1', '--1', '01', '']) {
      expect(signedDecimalString.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('parses a P&L answer and a strict query', () => {
    const line = {
      venue: 'paper',
      source: 'alpha',
      symbol: 'BTCUSDT',
      quoteAsset: 'USDT',
      trades: 2,
      boughtQty: '1',
      soldQty: '1',
      position: '0',
      avgCost: '0',
      realisedPnl: '-3.2',
      unmatchedSellQty: '0',
      fees: { BNB: '0.001' },
    };
    expect(
      moneyPnlSchema.parse({ since: '2026-12-06T00:00:00.000Z', lines: [line] }).lines,
    ).toEqual([line]);
    expect(moneyPnlQuerySchema.safeParse({ venue: 'paper', extra: '1' }).success).toBe(false);
    expect(moneyPnlQuerySchema.parse({ since: '2026-12-06T00:00:00Z' })).toEqual({
      since: '2026-12-06T00:00:00Z',
    });
  });
});
