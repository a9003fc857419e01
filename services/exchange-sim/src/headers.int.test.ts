import { afterEach, describe, expect, it } from 'vitest';
import { rawSigned, simWithClient } from '../test/int-sim.js';
import type { SimHandle } from './index.js';

let sim: SimHandle | undefined;
afterEach(() => sim?.stop());

const order = (extra: Record<string, string> = {}) => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.001',
  price: '59000',
  ...extra,
});
const weightOf = (res: { headers: Headers }) => ({
  used: res.headers.get('x-mbx-used-weight'),
  used1m: res.headers.get('x-mbx-used-weight-1m'),
});
const countsOf = (res: { headers: Headers }) => ({
  tenSeconds: res.headers.get('x-mbx-order-count-10s'),
  day: res.headers.get('x-mbx-order-count-1d'),
});

describe('weight headers on every answer', () => {
  it('stamps x-mbx-used-weight(-1m) on successes, refusals, injected faults and unknown paths', async () => {
    const started = await simWithClient();
    sim = started.sim;
    const ping = await fetch(`${sim.url}/api/v3/ping`);
    expect(weightOf(ping)).toEqual({ used: '1', used1m: '1' });
    const badSymbol = await fetch(`${sim.url}/api/v3/exchangeInfo?symbol=NOPE`);
    expect(badSymbol.status).toBe(400);
    expect(weightOf(badSymbol).used1m).toBe('21');
    const badKey = await rawSigned(
      sim,
      started.creds,
      '/api/v3/account',
      {},
      { apiKey: 'unknown' },
    );
    expect(badKey.status).toBe(401);
    expect(weightOf(badKey).used1m).toBe('41');
    await sim.admin.injectFault({ kind: 'rate-limit', path: '/api/v3/ping' });
    const limited = await fetch(`${sim.url}/api/v3/ping`);
    expect(limited.status).toBe(429);
    expect(weightOf(limited).used1m).toBe('41');
    await sim.admin.injectFault({ kind: '5xx-before-accept', body: 'json' });
    const busy = await fetch(`${sim.url}/api/v3/ping`);
    expect(busy.status).toBe(503);
    expect(weightOf(busy).used1m).toBe('41');
    await sim.admin.injectFault({ kind: 'unknown-1007-after-accept' });
    const timeout = await fetch(`${sim.url}/api/v3/time`);
    expect(timeout.status).toBe(503);
    expect(weightOf(timeout).used1m).toBe('42');
    const unknown = await fetch(`${sim.url}/sapi/v1/system/status`);
    expect(weightOf(unknown).used1m).toBe('43');
  });

  it('does not stamp the proxy HTML 503 page (it never came from the API)', async () => {
    const started = await simWithClient();
    sim = started.sim;
    await sim.admin.injectFault({ kind: '5xx-before-accept' });
    const page = await fetch(`${sim.url}/api/v3/ping`);
    expect(page.status).toBe(503);
    expect(weightOf(page)).toEqual({ used: null, used1m: null });
  });

  it('stamps 429 past the weight limit and 418 during a ban', async () => {
    const started = await simWithClient({
      limits: { requestWeightPerMinute: 2, banAfter429s: 1 },
    });
    sim = started.sim;
    await fetch(`${sim.url}/api/v3/ping`);
    await fetch(`${sim.url}/api/v3/ping`);
    const limited = await fetch(`${sim.url}/api/v3/ping`);
    expect(limited.status).toBe(429);
    expect(weightOf(limited).used1m).toBe('3');
    const banned = await fetch(`${sim.url}/api/v3/ping`);
    expect(banned.status).toBe(418);
    expect(weightOf(banned).used1m).toBe('4');
  });

  it('stamps the order counts on every POST /api/v3/order answer of a known account', async () => {
    const started = await simWithClient({ limits: { ordersPer10s: 2 } });
    sim = started.sim;
    const post = (params: Record<string, string>, apiKey?: string) =>
      rawSigned(sim as SimHandle, started.creds, '/api/v3/order', params, {
        method: 'POST',
        ...(apiKey === undefined ? {} : { apiKey }),
      });
    expect(countsOf(await post(order()))).toEqual({ tenSeconds: '1', day: '1' });
    const refused = await post(order({ price: '59000.001' }));
    expect(refused.body.code).toBe(-1013);
    expect(countsOf(refused)).toEqual({ tenSeconds: '2', day: '2' });
    const tooMany = await post(order());
    expect(tooMany.body.code).toBe(-1015);
    expect(countsOf(tooMany)).toEqual({ tenSeconds: '2', day: '2' });
    const badSignature = await rawSigned(sim, started.creds, '/api/v3/order', order(), {
      method: 'POST',
      secret: 'wrong',
    });
    expect(badSignature.body.code).toBe(-1022);
    expect(countsOf(badSignature)).toEqual({ tenSeconds: '2', day: '2' });
    await sim.admin.injectFault({ kind: 'rate-limit', path: '/api/v3/order' });
    expect(countsOf(await post(order()))).toEqual({ tenSeconds: '2', day: '2' });
    expect(countsOf(await post(order(), 'nobody'))).toEqual({ tenSeconds: null, day: null });
    const query = await rawSigned(sim, started.creds, '/api/v3/openOrders', {});
    expect(countsOf(query)).toEqual({ tenSeconds: null, day: null });
  });
});

describe('unknown paths', () => {
  it('answer HTTP 404 with a Binance JSON error, never HTML', async () => {
    const started = await simWithClient();
    sim = started.sim;
    for (const [method, path] of [
      ['GET', '/sapi/v1/system/status'],
      ['GET', '/api/v3/nothing'],
      ['POST', '/api/v3/ping'],
      ['GET', '/'],
    ] as const) {
      const res = await fetch(`${sim.url}${path}`, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ code: -1020, msg: 'This operation is not supported.' });
    }
    const admin = await fetch(`${sim.url}/__sim/nothing`, {
      headers: { 'x-sim-admin-token': sim.adminToken },
    });
    expect(admin.status).toBe(404);
    expect(await admin.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no admin route GET /__sim/nothing' },
    });
  });
});
