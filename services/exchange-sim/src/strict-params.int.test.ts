import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSigned, rejectionOf, simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimCredentials, SimHandle } from './index.js';

let sim: SimHandle;
let creds: SimCredentials;
let client: LooseClient;
beforeAll(async () => {
  ({ sim, creds, client } = await simWithClient());
});
afterAll(() => sim.stop());

const LIMIT = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.001',
  price: '59000',
};
const errorOf = async (call: Promise<unknown>) => {
  const err = await rejectionOf(call);
  return { code: err.code, msg: err.message };
};
const unread = (read: number, sent: number) => ({
  code: -1104,
  msg: `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`,
});

describe('strict parameter checking', () => {
  it('refuses a misspelt order parameter with -1104 and places nothing', async () => {
    const { timeInForce: _tif, ...rest } = LIMIT;
    const res = await rawSigned(
      sim,
      creds,
      '/api/v3/order',
      { ...rest, timeinforce: 'GTC' },
      { method: 'POST' },
    );
    expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: unread(7, 8) });
    expect(await errorOf(client.order({ ...LIMIT, newClientOrderID: 'typo' }))).toEqual(
      unread(9, 10),
    );
    expect(await sim.admin.orders({ apiKey: creds.apiKey })).toEqual([]);
  });

  it('refuses an unknown parameter on every signed endpoint', async () => {
    const calls: [string, string, Record<string, string>][] = [
      ['POST', '/api/v3/order/test', LIMIT],
      ['DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: '1' }],
      ['DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' }],
      ['GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: '1' }],
      ['GET', '/api/v3/openOrders', {}],
      ['GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' }],
      ['GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' }],
      ['GET', '/api/v3/account', {}],
    ];
    for (const [method, path, params] of calls) {
      const res = await rawSigned(sim, creds, path, { ...params, extra: '1' }, { method });
      const sent = Object.keys(params).length + 3;
      expect({ path, body: res.body }).toEqual({ path, body: unread(sent - 1, sent) });
    }
  });

  it('refuses an unknown parameter on every public endpoint', async () => {
    for (const [path, read] of [
      ['/api/v3/ping?x=1', 0],
      ['/api/v3/time?x=1', 0],
      ['/api/v3/exchangeInfo?symbol=BTCUSDT&x=1', 1],
      ['/api/v3/ticker/price?symbol=BTCUSDT&symbolStatus=TRADING', 1],
      ['/api/v3/avgPrice?symbol=BTCUSDT&x=1', 1],
    ] as const) {
      const res = await fetch(`${sim.url}${path}`);
      expect({ path, status: res.status, body: await res.json() }).toEqual({
        path,
        status: 400,
        body: unread(read, read + 1),
      });
    }
    const twice = await fetch(`${sim.url}/api/v3/ticker/price?symbol=BTCUSDT&symbol=ETHUSDT`);
    expect(((await twice.json()) as { code: number }).code).toBe(-1101);
  });

  it('accepts what binance-api-node sends: recvWindow, useServerTime, newOrderRespType', async () => {
    const placed = await client.order({
      ...LIMIT,
      newClientOrderId: 'strict-ok',
      newOrderRespType: 'FULL',
      recvWindow: 5000,
      useServerTime: true,
      strategyId: 37,
      strategyType: 1000000,
    });
    expect(placed).toMatchObject({ status: 'NEW', strategyId: 37, strategyType: 1000000 });
    const q = { symbol: 'BTCUSDT', origClientOrderId: 'strict-ok', recvWindow: 5000 };
    expect(await client.getOrder(q)).toMatchObject({ strategyId: 37, strategyType: 1000000 });
    expect(await client.openOrders({ symbol: 'BTCUSDT', recvWindow: 5000 })).toHaveLength(1);
    expect(
      await client.allOrders({ symbol: 'BTCUSDT', limit: 10, useServerTime: true }),
    ).toHaveLength(1);
    expect(await client.myTrades({ symbol: 'BTCUSDT', fromId: 0, limit: 5 })).toEqual([]);
    expect(
      (await client.accountInfo({ omitZeroBalances: true, recvWindow: 5000 })).balances.length,
    ).toBeGreaterThan(0);
    expect(await client.cancelOrder({ ...q, newClientOrderId: 'strict-cancel' })).toMatchObject({
      status: 'CANCELED',
      strategyId: 37,
    });
    expect(await client.orderTest({ ...LIMIT, computeCommissionRates: true })).toHaveProperty(
      'standardCommissionForOrder',
    );
    expect(await client.orderTest({ ...LIMIT, computeCommissionRates: false })).toEqual({});
  });

  it('refuses bad values with Binance codes: -1100 illegal characters, -1102, -1106, -1134, -1014', async () => {
    const cases: [string, string, Record<string, string>, number, string?][] = [
      [
        'GET',
        '/api/v3/account',
        { omitZeroBalances: 'yes' },
        -1100,
        "Illegal characters found in parameter 'omitZeroBalances'; legal range is '^(true|false)$'.",
      ],
      ['POST', '/api/v3/order/test', { ...LIMIT, computeCommissionRates: '1' }, -1100],
      ['POST', '/api/v3/order', { ...LIMIT, strategyId: '-3' }, -1100],
      ['POST', '/api/v3/order', { ...LIMIT, strategyType: '99999999999' }, -1100],
      [
        'POST',
        '/api/v3/order',
        { ...LIMIT, strategyType: '999999' },
        -1134,
        '`strategyType` was less than 1000000.',
      ],
      [
        'POST',
        '/api/v3/order',
        { ...LIMIT, stopPrice: '1' },
        -1106,
        "Parameter 'stopPrice' sent when not required.",
      ],
      ['POST', '/api/v3/order', { ...LIMIT, trailingDelta: '10' }, -1106],
      ['POST', '/api/v3/order', { ...LIMIT, pegPriceType: 'PRIMARY_PEG' }, -1014],
      ['GET', '/api/v3/account', { recvWindow: '5s' }, -1100],
      ['GET', '/api/v3/openOrders', { symbol: '' }, -1102],
    ];
    for (const [method, path, params, code, msg] of cases) {
      const res = await rawSigned(sim, creds, path, params, { method });
      expect({ path, params, status: res.status, code: res.body.code }).toEqual({
        path,
        params,
        status: 400,
        code,
      });
      if (msg !== undefined) expect(res.body.msg).toBe(msg);
    }
    expect(await sim.admin.orders({ apiKey: creds.apiKey })).toHaveLength(1);
  });

  it('reads exchangeInfo filters: symbolStatus, permissions, showPermissionSets', async () => {
    const info = async (query: string) => {
      const res = await fetch(`${sim.url}/api/v3/exchangeInfo?${query}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const names = (body: Record<string, unknown>) =>
      (body.symbols as { symbol: string }[]).map((s) => s.symbol);
    expect(names((await info('symbolStatus=TRADING')).body)).toHaveLength(4);
    expect(names((await info('symbolStatus=HALT')).body)).toEqual([]);
    expect((await info('symbolStatus=OPEN')).body).toEqual({
      code: -1122,
      msg: 'Invalid symbolStatus.',
    });
    expect(names((await info('permissions=SPOT')).body)).toHaveLength(4);
    expect(
      names((await info(`permissions=${encodeURIComponent('["MARGIN","SPOT"]')}`)).body),
    ).toHaveLength(4);
    expect(names((await info('permissions=MARGIN')).body)).toEqual([]);
    expect((await info('permissions=%5BSPOT')).body.code).toBe(-1130);
    for (const combo of [
      'symbol=BTCUSDT&symbolStatus=TRADING',
      `symbols=${encodeURIComponent('["BTCUSDT"]')}&permissions=SPOT`,
      `symbol=BTCUSDT&symbols=${encodeURIComponent('["BTCUSDT"]')}`,
    ]) {
      expect((await info(combo)).body).toEqual({
        code: -1128,
        msg: 'Combination of optional parameters invalid.',
      });
    }
    const hidden = await info('symbol=BTCUSDT&showPermissionSets=false');
    expect((hidden.body.symbols as { permissionSets: unknown }[])[0]?.permissionSets).toEqual([]);
    const shown = await info('symbol=BTCUSDT&showPermissionSets=true');
    expect((shown.body.symbols as { permissionSets: unknown }[])[0]?.permissionSets).toEqual([
      ['SPOT'],
    ]);
    expect((await info('showPermissionSets=no')).body.code).toBe(-1100);
  });
});
