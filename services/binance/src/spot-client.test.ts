import { describe, expect, it } from 'vitest';
import { createLibraryClient, resolveFactory } from './spot-client.js';

describe('resolveFactory', () => {
  const fn = () => ({});

  it('finds the factory however the module was wrapped', () => {
    expect(resolveFactory(fn)).toBe(fn);
    expect(resolveFactory({ default: fn })).toBe(fn);
    expect(resolveFactory({ default: { default: fn } })).toBe(fn);
  });

  it('throws a clear error when there is none', () => {
    expect(() => resolveFactory({ default: { default: { default: fn } } })).toThrow(
      'binance-api-node: no factory function among its exports',
    );
    expect(() => resolveFactory(null)).toThrow('no factory');
    expect(() => resolveFactory({})).toThrow('no factory');
  });
});

describe('createLibraryClient', () => {
  it('builds a binance-api-node client with every method the adapter uses (no request is made)', () => {
    const client = createLibraryClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'k',
      apiSecret: 's',
      getTime: () => 0,
    });
    for (const method of [
      'time',
      'exchangeInfo',
      'avgPrice',
      'prices',
      'order',
      'getOrder',
      'cancelOrder',
      'cancelOpenOrders',
      'openOrders',
      'myTrades',
      'accountInfo',
    ] as const) {
      expect(typeof client[method]).toBe('function');
    }
  });

  it('hands the library httpBase and getTime only: never testnet, never useServerTime', () => {
    const seen: Array<Record<string, unknown>> = [];
    const getTime = () => 42;
    createLibraryClient(
      { baseUrl: 'http://venue', apiKey: 'k', apiSecret: 's', getTime },
      (options) => {
        seen.push(options);
        return {} as ReturnType<typeof createLibraryClient>;
      },
    );
    expect(seen).toEqual([{ httpBase: 'http://venue', apiKey: 'k', apiSecret: 's', getTime }]);
  });
});
