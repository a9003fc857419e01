import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../test/int-sim.js';
import { createSimAdmin, SimAdminError, startExchangeSim, type SimHandle } from './index.js';

let sim: SimHandle;
beforeAll(async () => {
  sim = await startExchangeSim({ adminToken: 'token-1', seed: 3 });
});
afterAll(() => sim.stop());

async function adminErrorOf(call: Promise<unknown>): Promise<SimAdminError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SimAdminError);
  return err as SimAdminError;
}

describe('admin API', () => {
  it('refuses a missing or wrong token with 401, and is never reachable on a Binance path', async () => {
    expect((await fetch(`${sim.url}/__sim/orders`)).status).toBe(401);
    const wrong = createSimAdmin({ url: sim.url, adminToken: 'nope' });
    const err = await adminErrorOf(wrong.orders());
    expect({ status: err.status, code: err.code }).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect(err.message).toBe('GET /__sim/orders: missing or wrong x-sim-admin-token header');
    expect(sim.adminToken).toBe('token-1');
    expect((await fetch(`${sim.url}/api/v3/__sim/orders`)).status).toBe(404);
  });

  it('creates accounts with given or generated credentials and refuses a taken key', async () => {
    const generated = await sim.admin.createAccount();
    expect(generated.apiKey).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(generated.apiSecret).toMatch(/^[A-Za-z0-9]{64}$/);
    const chosen = await sim.admin.createAccount({
      apiKey: 'ChosenKey',
      apiSecret: 'chosen-secret',
      balances: { USDT: '10' },
    });
    expect(chosen).toEqual({ apiKey: 'ChosenKey', apiSecret: 'chosen-secret' });
    expect(await sim.admin.account('ChosenKey')).toEqual({
      apiKey: 'ChosenKey',
      makerCommission: '0.00100000',
      takerCommission: '0.00100000',
      balances: { USDT: { free: '10.00000000', locked: '0.00000000' } },
    });
    const taken = await adminErrorOf(sim.admin.createAccount({ apiKey: 'ChosenKey' }));
    expect({ status: taken.status, code: taken.code }).toEqual({
      status: 409,
      code: 'ACCOUNT_EXISTS',
    });
    expect((await adminErrorOf(sim.admin.account('Nobody'))).status).toBe(404);
  });

  it('validates bodies with zod and explains what is wrong', async () => {
    const err = await adminErrorOf(sim.admin.createAccount({ balances: { usdt: '1.5x' } }));
    expect(err.status).toBe(400);
    expect(err.code).toBe('INVALID_BODY');
    const res = await fetch(`${sim.url}/__sim/fund`, {
      method: 'POST',
      headers: { 'x-sim-admin-token': 'token-1' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'INVALID_JSON', message: 'the body is not JSON' },
    });
    const issues = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'x-sim-admin-token': 'token-1' },
      body: JSON.stringify({ kind: 'meteor', count: 0 }),
    });
    const body = (await issues.json()) as { error: { details: string[] } };
    expect(body.error.details.map((d) => d.split(':')[0])).toEqual(['kind', 'count']);
    const post = (path: string, init: RequestInit) =>
      fetch(`${sim.url}/__sim${path}`, {
        method: 'POST',
        headers: { 'x-sim-admin-token': 'token-1' },
        ...init,
      });
    const root = (await (await post('/accounts', { body: '[]' })).json()) as {
      error: { details: string[] };
    };
    expect(root.error.details[0]).toMatch(/^\(root\): /);
    const noBody = await post('/accounts', {});
    expect(Object.keys((await noBody.json()) as object)).toEqual(['apiKey', 'apiSecret']);
    expect((await adminErrorOf(sim.admin.setPrice({ symbol: 'BTCUSDT', price: '-1' }))).code).toBe(
      'INVALID_BODY',
    );
    expect((await adminErrorOf(sim.admin.skipUserEvents({ count: 0 }))).code).toBe('INVALID_BODY');
    const drop = await post('/ws/drop', { body: JSON.stringify({ graceful: 'yes' }) });
    expect(drop.status).toBe(400);
  });

  it('funds accounts (negative amounts remove) without ever going below zero', async () => {
    const { apiKey } = await sim.admin.createAccount({ balances: { BTC: '1' } });
    expect((await sim.admin.fund({ apiKey, asset: 'BTC', amount: '0.5' })).balances.BTC).toEqual({
      free: '1.50000000',
      locked: '0.00000000',
    });
    expect(
      (await sim.admin.fund({ apiKey, asset: 'BTC', amount: '-1.5' })).balances.BTC?.free,
    ).toBe('0.00000000');
    const negative = await adminErrorOf(sim.admin.fund({ apiKey, asset: 'BTC', amount: '-0.1' }));
    expect({ status: negative.status, code: negative.code }).toEqual({
      status: 409,
      code: 'NEGATIVE_BALANCE',
    });
    expect(
      (await adminErrorOf(sim.admin.fund({ apiKey: 'ghost', asset: 'BTC', amount: '1' }))).code,
    ).toBe('UNKNOWN_ACCOUNT');
  });

  it('sets prices, filling the resting orders they cross, and lists them', async () => {
    const creds = await sim.admin.createAccount({ balances: { ETH: '1' } });
    const client = clientFor(sim, creds);
    const sell = await client.order({
      symbol: 'ETHUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '3100',
      quantity: '0.5',
    });
    expect(await sim.admin.setPrice({ symbol: 'ETHUSDT', price: '3099.99' })).toEqual({
      symbol: 'ETHUSDT',
      price: '3099.99',
      filledOrderIds: [],
    });
    expect(await sim.admin.setPrice({ symbol: 'ETHUSDT', price: '3100' })).toEqual({
      symbol: 'ETHUSDT',
      price: '3100',
      filledOrderIds: [sell.orderId],
    });
    expect((await sim.admin.prices()).ETHUSDT).toBe('3100');
    expect((await adminErrorOf(sim.admin.setPrice({ symbol: 'NOPE', price: '1' }))).code).toBe(
      'UNKNOWN_SYMBOL',
    );
    const [order] = await sim.admin.orders({ apiKey: creds.apiKey });
    expect(order).toMatchObject({
      apiKey: creds.apiKey,
      status: 'FILLED',
      executedQty: '0.50000000',
    });
  });

  it('caps taker liquidity so a MARKET order ends EXPIRED with executedQty > 0', async () => {
    const creds = await sim.admin.createAccount({ balances: { USDT: '100000' } });
    const client = clientFor(sim, creds);
    expect(await sim.admin.setLiquidity({ symbol: 'BTCUSDT', maxQty: '0.25' })).toEqual({
      symbol: 'BTCUSDT',
      maxQty: '0.25',
    });
    const partial = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '1',
    });
    expect(partial).toMatchObject({
      status: 'EXPIRED',
      executedQty: '0.25000000',
      origQty: '1.00000000',
    });
    expect(
      (await adminErrorOf(sim.admin.setLiquidity({ symbol: 'NOPE', maxQty: null }))).code,
    ).toBe('UNKNOWN_SYMBOL');
    expect(
      (await adminErrorOf(sim.admin.setLiquidity({ symbol: 'BTCUSDT', maxQty: 'x' }))).code,
    ).toBe('INVALID_BODY');
    await sim.admin.setLiquidity({ symbol: 'BTCUSDT', maxQty: null });
    const full = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '1',
    });
    expect(full.status).toBe('FILLED');
  });

  it('fills, cancels and expires only open orders, with a valid quantity', async () => {
    const creds = await sim.admin.createAccount({ balances: { USDT: '1000' } });
    const client = clientFor(sim, creds);
    const buy = await client.order({
      symbol: 'BNBUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '500',
      quantity: '1',
    });
    for (const qty of ['0', '1.001']) {
      const err = await adminErrorOf(sim.admin.fillOrder(buy.orderId, { qty }));
      expect({ status: err.status, code: err.code }).toEqual({ status: 400, code: 'INVALID_QTY' });
    }
    expect((await adminErrorOf(sim.admin.fillOrder(buy.orderId, { qty: 'lots' }))).code).toBe(
      'INVALID_BODY',
    );
    expect((await adminErrorOf(sim.admin.cancelOrder(424242))).code).toBe('UNKNOWN_ORDER');
    await sim.admin.cancelOrder(buy.orderId);
    expect((await adminErrorOf(sim.admin.fillOrder(buy.orderId))).code).toBe('ORDER_NOT_OPEN');
    const closed = await adminErrorOf(sim.admin.expireOrder(buy.orderId));
    expect({ status: closed.status, code: closed.code, message: closed.message }).toEqual({
      status: 409,
      code: 'ORDER_NOT_OPEN',
      message: `POST /__sim/orders/${buy.orderId}/expire: the order is CANCELED`,
    });
  });

  it('reports an error that is not an admin error as HTTP_<status>, and an unknown admin route as NOT_FOUND', async () => {
    const err = await adminErrorOf(
      createSimAdmin({ url: `${sim.url}/nothing-here`, adminToken: 'token-1' }).reset(),
    );
    expect({ status: err.status, code: err.code }).toEqual({ status: 404, code: 'HTTP_404' });
    expect(err.message).toContain('This operation is not supported.');
    await sim.admin.injectFault({ kind: '5xx-before-accept' });
    const html = await adminErrorOf(
      createSimAdmin({ url: `${sim.url}/elsewhere`, adminToken: 'token-1' }).reset(),
    );
    expect({ status: html.status, code: html.code }).toEqual({ status: 503, code: 'HTTP_503' });
    expect(html.message).toContain('<html>');
    const inside = await adminErrorOf(
      createSimAdmin({ url: `${sim.url}/__sim/nothing-here`, adminToken: 'token-1' }).reset(),
    );
    expect({ status: inside.status, code: inside.code }).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('reset forgets accounts, orders, requests and faults but keeps order ids increasing', async () => {
    const creds = await sim.admin.createAccount({ balances: { USDT: '1000' } });
    const client = clientFor(sim, creds);
    const before = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
    });
    await sim.admin.injectFault({ kind: 'latency', delayMs: 1 });
    await sim.admin.setPrice({ symbol: 'BTCUSDT', price: '1000' });
    await sim.admin.reset();
    expect(await sim.admin.orders()).toEqual([]);
    expect(await sim.admin.requests()).toEqual([]);
    expect(await sim.admin.faults()).toEqual([]);
    expect((await sim.admin.prices()).BTCUSDT).toBe('60000');
    expect((await adminErrorOf(sim.admin.account(creds.apiKey))).status).toBe(404);
    const again = await sim.admin.createAccount({ balances: { USDT: '1000' } });
    const after = await clientFor(sim, again).order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
    });
    expect(after.orderId).toBeGreaterThan(before.orderId);
  });
});
