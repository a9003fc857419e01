import { describe, expect, it } from 'vitest';
import { pruneHistory, timeWeightedAverage, type PricePoint } from './average-price.js';
import { Dec } from './decimal.js';
import { createPriceBook } from './prices.js';
import { DEFAULT_SYMBOLS } from './symbols.js';

const MIN = 60_000;
const at = (time: number, price: string): PricePoint => ({ time, price: new Dec(price) });

describe('time-weighted average price', () => {
  it('weighs each last price by how long it held inside the window', () => {
    const history = [at(0, '100'), at(4 * MIN, '200')];
    // window [0, 5 min): 100 for 4 min, 200 for 1 min
    expect(timeWeightedAverage(history, 5, 5 * MIN)).toEqual({
      price: new Dec('120'),
      closeTime: 4 * MIN,
    });
    // window [1 min, 6 min): 100 for 3 min, 200 for 2 min
    expect(timeWeightedAverage(history, 5, 6 * MIN).price.toString()).toBe('140');
    // the old price has left the window
    expect(timeWeightedAverage(history, 5, 9 * MIN).price.toString()).toBe('200');
  });

  it('counts no time before the history starts, and is the last price when nothing has weight', () => {
    expect(timeWeightedAverage([at(1000, '50')], 5, 1000).price.toString()).toBe('50');
    const justSet = [at(0, '100'), at(2 * MIN, '130')];
    expect(timeWeightedAverage(justSet, 5, 2 * MIN).price.toString()).toBe('100');
    expect(timeWeightedAverage(justSet, 5, 3 * MIN).price.toString()).toBe('110');
  });

  it('prunes what no later window reaches, keeping the price in force at the window start', () => {
    const history = [at(0, '1'), at(MIN, '2'), at(7 * MIN, '3')];
    expect(pruneHistory(history, 5, 7 * MIN)).toEqual([at(MIN, '2'), at(7 * MIN, '3')]);
    expect(pruneHistory(history, 5, 20 * MIN)).toEqual([at(7 * MIN, '3')]);
    expect(pruneHistory(history, 5, 4 * MIN)).toBe(history);
  });

  it('is what the price book reports per symbol, over its avgPriceMins', () => {
    const clock = { now: 10 * MIN };
    const book = createPriceBook(
      [{ ...(DEFAULT_SYMBOLS[0] as (typeof DEFAULT_SYMBOLS)[number]), avgPriceMins: 1 }],
      { BTCUSDT: '100' },
      () => clock.now,
    );
    clock.now += 30_000;
    book.set('BTCUSDT', new Dec('200'));
    clock.now += 30_000;
    expect(book.average('BTCUSDT')).toEqual({
      mins: 1,
      price: new Dec('150'),
      closeTime: 10 * MIN + 30_000,
    });
    expect(book.entries()).toEqual([['BTCUSDT', new Dec('200')]]);
    book.reset();
    expect(book.average('BTCUSDT').price.toString()).toBe('100');
  });
});
