import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimHandle } from './index.js';

let sim: SimHandle;
let client: LooseClient;
beforeAll(async () => {
  ({ sim, client } = await simWithClient());
});
afterAll(() => sim.stop());

describe('public endpoints through binance-api-node', () => {
  it('answers ping and time', async () => {
    const before = Date.now();
    expect(await client.ping()).toBe(true);
    const serverTime = await client.time();
    expect(serverTime).toBeGreaterThanOrEqual(before);
    expect(serverTime).toBeLessThanOrEqual(Date.now());
  });

  it('lists the four symbols with realistic filters and the configured rate limits', async () => {
    const info = await client.exchangeInfo();
    expect(info.timezone).toBe('UTC');
    expect(info.symbols.map((s: { symbol: string }) => s.symbol)).toEqual([
      'BTCUSDT',
      'ETHUSDT',
      'BNBUSDT',
      'ETHBTC',
    ]);
    const btc = info.symbols[0];
    expect(btc).toMatchObject({
      status: 'TRADING',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
      baseAssetPrecision: 8,
      quoteOrderQtyMarketAllowed: true,
    });
    expect(btc.orderTypes).toEqual(['LIMIT', 'LIMIT_MAKER', 'MARKET']);
    expect(btc.filters.map((f: { filterType: string }) => f.filterType)).toEqual([
      'PRICE_FILTER',
      'LOT_SIZE',
      'ICEBERG_PARTS',
      'MARKET_LOT_SIZE',
      'PERCENT_PRICE_BY_SIDE',
      'NOTIONAL',
      'MAX_NUM_ORDERS',
    ]);
    expect({ ...btc.filters[4] }).toEqual({
      filterType: 'PERCENT_PRICE_BY_SIDE',
      bidMultiplierUp: '5',
      bidMultiplierDown: '0.2',
      askMultiplierUp: '5',
      askMultiplierDown: '0.2',
      avgPriceMins: 5,
    });
    expect({ ...btc.filters[0] }).toEqual({
      filterType: 'PRICE_FILTER',
      minPrice: '0.01000000',
      maxPrice: '1000000.00000000',
      tickSize: '0.01000000',
    });
    expect({ ...btc.filters[1] }).toEqual({
      filterType: 'LOT_SIZE',
      minQty: '0.00001000',
      maxQty: '9000.00000000',
      stepSize: '0.00001000',
    });
    expect({ ...btc.filters[2] }).toEqual({ filterType: 'ICEBERG_PARTS', limit: 100 });
    expect(btc).toMatchObject({
      icebergAllowed: true,
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    });
    expect(btc.allowedSelfTradePreventionModes).toEqual([
      'NONE',
      'EXPIRE_TAKER',
      'EXPIRE_MAKER',
      'EXPIRE_BOTH',
      'DECREMENT',
    ]);
    expect(btc.filters[5]).toMatchObject({
      minNotional: '5.00000000',
      applyMinToMarket: true,
      applyMaxToMarket: false,
    });
    expect(info.rateLimits[0]).toMatchObject({
      rateLimitType: 'REQUEST_WEIGHT',
      interval: 'MINUTE',
      limit: 6000,
    });
  });

  it('narrows exchangeInfo to symbol= or symbols=[...] and refuses unknown symbols with -1121', async () => {
    const ethbtc = await client.exchangeInfo({ symbol: 'ETHBTC' });
    expect(ethbtc.symbols).toHaveLength(1);
    expect(ethbtc.symbols[0].icebergAllowed).toBe(false);
    expect(ethbtc.symbols[0].filters[4]).toMatchObject({
      filterType: 'MIN_NOTIONAL',
      minNotional: '0.00010000',
      applyToMarket: true,
    });
    const two = await client.exchangeInfo({ symbols: JSON.stringify(['BNBUSDT', 'ETHUSDT']) });
    expect(two.symbols.map((s: { symbol: string }) => s.symbol)).toEqual(['BNBUSDT', 'ETHUSDT']);
    const err = await rejectionOf(client.exchangeInfo({ symbol: 'DOGEUSDT' }));
    expect({ code: err.code, message: err.message }).toEqual({
      code: -1121,
      message: 'Invalid symbol.',
    });
  });

  it('refuses a malformed symbols= list with -1130', async () => {
    for (const symbols of ['[BTCUSDT', '"BTCUSDT"']) {
      const res = await fetch(
        `${sim.url}/api/v3/exchangeInfo?symbols=${encodeURIComponent(symbols)}`,
      );
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        code: -1130,
        msg: "Data sent for parameter 'symbols' is not valid.",
      });
    }
  });

  it('reports last prices, following the admin price', async () => {
    await sim.admin.setPrice({ symbol: 'ETHUSDT', price: '3150.25' });
    expect(await client.prices({ symbol: 'ETHUSDT' })).toEqual({ ETHUSDT: '3150.25000000' });
    expect(await client.prices()).toMatchObject({
      BTCUSDT: '60000.00000000',
      ETHBTC: '0.05000000',
      ETHUSDT: '3150.25000000',
    });
    const err = await rejectionOf(client.prices({ symbol: 'NOPE' }));
    expect(err.code).toBe(-1121);
  });

  it('stamps request-weight headers that the client records', async () => {
    await client.ping();
    const info = Object.values(client.getInfo());
    expect(info.some((host) => Number(host.usedWeight1m) > 0)).toBe(true);
    const res = await fetch(`${sim.url}/api/v3/exchangeInfo`);
    const used = Number(res.headers.get('x-mbx-used-weight-1m'));
    const after = await fetch(`${sim.url}/api/v3/ping`);
    expect(Number(after.headers.get('x-mbx-used-weight-1m'))).toBe(used + 1);
    expect(after.headers.get('x-mbx-used-weight')).toBe(String(used + 1));
  });
});
