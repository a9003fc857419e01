import { describe, expect, it } from 'vitest';
import { realisedPnl, type PnlFill } from './money-pnl.js';

const T0 = Date.parse('2026-12-06T01:00:00.000Z');
let seq = 0;
/** A fill `at` seconds after T0; quoteQty = qty × price unless given. */
function fill(
  side: 'BUY' | 'SELL',
  qty: string,
  price: number,
  patch: Partial<PnlFill> & { at?: number; fee?: [string, string] } = {},
): PnlFill {
  seq += 1;
  const { at = seq, fee = ['0', 'USDT'], ...rest } = patch;
  return {
    venue: 'paper',
    source: 'alpha',
    symbol: 'BTCUSDT',
    side,
    tradeId: String(seq),
    qty,
    quoteQty: (Number(qty) * price).toFixed(8).replace(/\.?0+$/, ''),
    commission: fee[0],
    commissionAsset: fee[1],
    tradedAt: new Date(T0 + at * 1000),
    ...rest,
  };
}
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe('money - realised P&L by average cost', () => {
  it('buys then sells, fees in the quote asset, a partial sell keeping the average cost', () => {
    const { lines, series } = realisedPnl([
      fill('BUY', '1', 100, { at: 1, fee: ['0.1', 'USDT'] }),
      fill('BUY', '1', 120, { at: 2, fee: ['0.12', 'USDT'] }),
      fill('SELL', '1.5', 130, { at: 3, fee: ['0.195', 'USDT'] }),
    ]);
    expect(lines).toEqual([
      {
        venue: 'paper',
        source: 'alpha',
        symbol: 'BTCUSDT',
        quoteAsset: 'USDT',
        trades: 3,
        boughtQty: '2',
        soldQty: '1.5',
        position: '0.5',
        avgCost: '110.11',
        // 195 − 0.195 − 1.5 × 110.11
        realisedPnl: '29.64',
        unmatchedSellQty: '0',
        fees: { USDT: '0.415' },
      },
    ]);
    expect(series).toEqual([
      { venue: 'paper', quoteAsset: 'USDT', points: [{ at: at(3), pnl: '29.64' }] },
    ]);
    const after = realisedPnl([
      fill('BUY', '1', 100, { at: 1, fee: ['0.1', 'USDT'] }),
      fill('BUY', '1', 120, { at: 2, fee: ['0.12', 'USDT'] }),
      fill('SELL', '1.5', 130, { at: 3, fee: ['0.195', 'USDT'] }),
      fill('SELL', '0.5', 90, { at: 4, fee: ['0.045', 'USDT'] }),
    ]);
    expect(after.lines[0]).toMatchObject({ position: '0', avgCost: '0', realisedPnl: '19.54' });
    expect(after.series[0]?.points).toEqual([
      { at: at(3), pnl: '29.64' },
      { at: at(4), pnl: '19.54' },
    ]);
  });

  it('a fee in the base asset: on a buy it is quantity not received, on a sell more base leaves', () => {
    // As the simulator and Binance charge without BNB: base on a buy, quote on a sell.
    const round = realisedPnl([
      fill('BUY', '1', 100, { at: 1, fee: ['0.001', 'BTC'] }),
      fill('SELL', '0.999', 110, { at: 2, fee: ['0.10989', 'USDT'] }),
    ]);
    // 109.89 − 0.10989 − 100 (the whole cost of the 0.999 BTC received)
    expect(round.lines[0]).toMatchObject({
      position: '0',
      realisedPnl: '9.78011',
      fees: { BTC: '0.001', USDT: '0.10989' },
    });
    const baseOnSell = realisedPnl([
      fill('BUY', '1', 100, { at: 1 }),
      fill('SELL', '0.5', 110, { at: 2, fee: ['0.0005', 'BTC'] }),
    ]);
    // 55 − 0.5005 × 100
    expect(baseOnSell.lines[0]).toMatchObject({
      position: '0.4995',
      avgCost: '100',
      realisedPnl: '4.95',
      fees: { BTC: '0.0005' },
    });
  });

  it('a fee in a third asset (BNB) is counted in fees only, not in P&L', () => {
    const { lines } = realisedPnl([
      fill('BUY', '1', 100, { at: 1, fee: ['0.01', 'BNB'] }),
      fill('SELL', '1', 110, { at: 2, fee: ['0.0125', 'BNB'] }),
    ]);
    expect(lines[0]).toMatchObject({ realisedPnl: '10', fees: { BNB: '0.0225' } });
  });

  it('sells without prior buys in the session are unmatched: no cost basis, no P&L, never short', () => {
    const { lines, series } = realisedPnl([
      fill('SELL', '1', 100, { at: 1, fee: ['0.1', 'USDT'] }),
      fill('BUY', '1', 90, { at: 2 }),
      fill('SELL', '2', 100, { at: 3 }),
    ]);
    expect(lines[0]).toMatchObject({
      soldQty: '3',
      position: '0',
      realisedPnl: '10',
      unmatchedSellQty: '2',
      fees: { USDT: '0.1' },
    });
    expect(series[0]?.points).toEqual([{ at: at(3), pnl: '10' }]);
    expect(realisedPnl([fill('SELL', '1', 100)]).series).toEqual([]);
  });

  it('takes fills in time order whatever order they come in (same moment: by trade id as a number)', () => {
    const fills = [
      fill('BUY', '1', 100, { at: 1, tradeId: '9' }),
      fill('SELL', '1', 110, { at: 1, tradeId: '10' }),
      fill('BUY', '2', 105, { at: 5 }),
    ];
    const forward = realisedPnl(fills);
    expect(realisedPnl([...fills].reverse())).toEqual(forward);
    expect(forward.lines[0]).toMatchObject({ realisedPnl: '10', position: '2', avgCost: '105' });
  });

  it('keeps strategies and symbols apart and adds their P&L per venue and quote asset over time', () => {
    const { lines, series } = realisedPnl([
      fill('BUY', '1', 100, { at: 1 }),
      fill('BUY', '1', 100, { at: 2, source: 'beta' }),
      fill('SELL', '1', 103, { at: 3, source: 'beta' }),
      fill('SELL', '1', 99, { at: 4 }),
      fill('BUY', '1', 100, { at: 5, venue: 'live' }),
      fill('SELL', '1', 101, { at: 6, venue: 'live' }),
      fill('BUY', '10', 0.05, { at: 7, symbol: 'ETHBTC' }),
      fill('SELL', '10', 0.051, { at: 8, symbol: 'ETHBTC' }),
    ]);
    expect(lines.map((l) => [l.venue, l.source, l.symbol, l.quoteAsset, l.realisedPnl])).toEqual([
      ['paper', 'alpha', 'BTCUSDT', 'USDT', '-1'],
      ['paper', 'beta', 'BTCUSDT', 'USDT', '3'],
      ['live', 'alpha', 'BTCUSDT', 'USDT', '1'],
      ['paper', 'alpha', 'ETHBTC', 'BTC', '0.01'],
    ]);
    expect(series).toEqual([
      {
        venue: 'paper',
        quoteAsset: 'USDT',
        points: [
          { at: at(3), pnl: '3' },
          { at: at(4), pnl: '2' },
        ],
      },
      { venue: 'live', quoteAsset: 'USDT', points: [{ at: at(6), pnl: '1' }] },
      { venue: 'paper', quoteAsset: 'BTC', points: [{ at: at(8), pnl: '0.01' }] },
    ]);
  });

  it('rounds what it shows to 8 places, never what it computes with', () => {
    const { lines } = realisedPnl([
      fill('BUY', '3', 0, { at: 1, quoteQty: '100' }),
      fill('SELL', '1', 0, { at: 2, quoteQty: '40' }),
      fill('SELL', '1', 0, { at: 3, quoteQty: '40' }),
      fill('SELL', '1', 0, { at: 4, quoteQty: '40' }),
    ]);
    expect(lines[0]).toMatchObject({ position: '0', realisedPnl: '20' });
    const open = realisedPnl([fill('BUY', '3', 0, { quoteQty: '100' })]);
    expect(open.lines[0]?.avgCost).toBe('33.33333333');
  });

  it('a symbol whose quote asset is unknown: P&L in its own terms, every fee counted apart', () => {
    const { lines, series } = realisedPnl([
      fill('BUY', '1', 10, { at: 1, symbol: 'ODDPAIR', fee: ['0.1', 'ODD'] }),
      fill('SELL', '1', 12, { at: 2, symbol: 'ODDPAIR', fee: ['0.1', 'PAIR'] }),
    ]);
    expect(lines[0]).toMatchObject({
      quoteAsset: null,
      position: '0',
      realisedPnl: '2',
      fees: { ODD: '0.1', PAIR: '0.1' },
    });
    expect(series).toEqual([
      { venue: 'paper', quoteAsset: null, points: [{ at: at(2), pnl: '2' }] },
    ]);
  });

  it('is empty without fills', () => {
    expect(realisedPnl([])).toEqual({ lines: [], series: [] });
  });
});
