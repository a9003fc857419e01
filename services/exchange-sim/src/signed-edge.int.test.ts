import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSigned, simWithClient } from '../test/int-sim.js';
import { hmacSha256Hex, type SimCredentials, type SimHandle } from './index.js';

let sim: SimHandle;
let creds: SimCredentials;
beforeAll(async () => {
  ({ sim, creds } = await simWithClient());
});
afterAll(() => sim.stop());

const ORDER = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.001',
  price: '50000',
};

describe('signed requests over raw HTTP', () => {
  it('accepts parameters sent as a form body, signed as query + body', async () => {
    const form = await rawSigned(
      sim,
      creds,
      '/api/v3/order',
      {},
      { method: 'POST', body: { ...ORDER, newClientOrderId: 'form-1' } },
    );
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ clientOrderId: 'form-1', status: 'NEW' });
  });

  it('accepts the signature hex in upper case', async () => {
    const query = new URLSearchParams({ timestamp: String(Date.now()) }).toString();
    const res = await fetch(
      `${sim.url}/api/v3/account?${query}&signature=${hmacSha256Hex(creds.apiSecret, query).toUpperCase()}`,
      {
        headers: { 'X-MBX-APIKEY': creds.apiKey },
      },
    );
    expect(res.status).toBe(200);
  });

  it('answers a wrong signature with HTTP 400 -1022', async () => {
    const res = await rawSigned(sim, creds, '/api/v3/account', {}, { secret: 'not-the-secret' });
    expect(res).toMatchObject({
      status: 400,
      body: { code: -1022, msg: 'Signature for this request is not valid.' },
    });
  });

  it('answers an unknown key with HTTP 401 -2015 and a missing key with 401 -2014', async () => {
    const unknown = await rawSigned(sim, creds, '/api/v3/account', {}, { apiKey: 'NoSuchKey123' });
    expect(unknown).toMatchObject({
      status: 401,
      body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
    });
    const missing = await rawSigned(sim, creds, '/api/v3/account', {}, { apiKey: null });
    expect(missing).toMatchObject({
      status: 401,
      body: { code: -2014, msg: 'API-key format invalid.' },
    });
  });

  it('answers a stale or future timestamp with -1021 and nothing is placed', async () => {
    const stale = await rawSigned(sim, creds, '/api/v3/order', ORDER, {
      method: 'POST',
      timestamp: Date.now() - 6000,
    });
    expect(stale).toMatchObject({
      status: 400,
      body: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
    });
    const widened = await rawSigned(
      sim,
      creds,
      '/api/v3/account',
      { recvWindow: '10000' },
      { timestamp: Date.now() - 6000 },
    );
    expect(widened.status).toBe(200);
    const future = await rawSigned(sim, creds, '/api/v3/order', ORDER, {
      method: 'POST',
      timestamp: Date.now() + 5000,
    });
    expect(future).toMatchObject({
      status: 400,
      body: {
        code: -1021,
        msg: "Timestamp for this request was 1000ms ahead of the server's time.",
      },
    });
    const missing = await rawSigned(sim, creds, '/api/v3/account', {}, { timestamp: null });
    expect(missing.body.code).toBe(-1102);
    expect(
      (await sim.admin.orders()).some(
        (o) => o.price === '50000.00000000' && o.clientOrderId !== 'form-1',
      ),
    ).toBe(false);
  });

  it('refuses recvWindow above 60000 with -1102', async () => {
    const res = await rawSigned(sim, creds, '/api/v3/account', { recvWindow: '60001' });
    expect(res).toMatchObject({
      status: 400,
      body: {
        code: -1102,
        msg: "'recvWindow' contains unexpected value. Cannot be greater than '60000'.",
      },
    });
  });

  it('refuses a parameter sent twice with -1101', async () => {
    const query = `symbol=BTCUSDT&symbol=ETHUSDT&timestamp=${Date.now()}`;
    const res = await fetch(
      `${sim.url}/api/v3/openOrders?${query}&signature=${hmacSha256Hex(creds.apiSecret, query)}`,
      {
        headers: { 'X-MBX-APIKEY': creds.apiKey },
      },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: -1101,
      msg: 'Duplicate values for a parameter detected.',
    });
  });

  it('records every request that reached a Binance path, with its key, and none for admin calls', async () => {
    const before = (await sim.admin.requests()).length;
    await rawSigned(sim, creds, '/api/v3/account', {});
    await fetch(`${sim.url}/api/v3/ping`);
    await sim.admin.orders();
    const after = await sim.admin.requests();
    expect(after).toHaveLength(before + 2);
    expect(after.at(-2)).toMatchObject({
      method: 'GET',
      path: '/api/v3/account',
      apiKey: creds.apiKey,
      weight: 20,
    });
    expect(after.at(-2)?.query).toMatch(/^timestamp=\d+&signature=[0-9a-f]{64}$/);
    expect(after.at(-1)).toEqual({
      method: 'GET',
      path: '/api/v3/ping',
      query: '',
      weight: 1,
      at: after.at(-1)?.at,
    });
    expect(
      (await sim.admin.requests({ apiKey: creds.apiKey })).every((r) => r.apiKey === creds.apiKey),
    ).toBe(true);
  });
});
