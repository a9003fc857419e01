import { describe, expect, it } from 'vitest';
import { parseStartState } from './start-state.js';

const LISTED = new Set(['BTCUSDT', 'ETHUSDT']);

describe('parseStartState', () => {
  it('is empty when nothing is given', () => {
    expect(parseStartState({}, LISTED)).toEqual({ accounts: [], prices: {} });
  });

  it('fills commission and balance defaults', () => {
    expect(
      parseStartState(
        { accounts: [{ apiKey: 'k1', apiSecret: 's1' }], prices: { BTCUSDT: '61000.5' } },
        LISTED,
      ),
    ).toEqual({
      accounts: [
        {
          apiKey: 'k1',
          apiSecret: 's1',
          balances: {},
          makerCommission: '0.001',
          takerCommission: '0.001',
        },
      ],
      prices: { BTCUSDT: '61000.5' },
    });
  });

  it('names every fault: bad accounts, bad prices', () => {
    expect(() =>
      parseStartState(
        {
          accounts: [{ apiKey: 'a-b', apiSecret: 's' }],
          prices: { BTCUSDT: '0.000' },
        },
        LISTED,
      ),
    ).toThrow(
      'invalid start state: accounts.0.apiKey: 1–64 letters or digits; prices.BTCUSDT: must be greater than 0',
    );
  });

  it('refuses a price for a symbol that is not listed', () => {
    expect(() => parseStartState({ prices: { BNBUSDT: '600', ETHUSDT: '3000' } }, LISTED)).toThrow(
      'invalid start state: prices.BNBUSDT: not a listed symbol (BTCUSDT, ETHUSDT)',
    );
  });

  it('refuses the same API key twice', () => {
    const accounts = [
      { apiKey: 'k1', apiSecret: 'a' },
      { apiKey: 'k1', apiSecret: 'b' },
    ];
    expect(() => parseStartState({ accounts }, LISTED)).toThrow(
      'invalid start state: accounts.1.apiKey: k1 is listed twice',
    );
  });
});
