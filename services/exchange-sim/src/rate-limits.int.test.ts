import { afterEach, describe, expect, it } from 'vitest';
import { rawSigned, rejectionOf, simWithClient } from '../test/int-sim.js';
import type { SimHandle } from './index.js';

let sim: SimHandle | undefined;
afterEach(() => sim?.stop());

describe('configured limits', () => {
  it('answers 429 -1003 with Retry-After past the weight limit, then 418 on repeat abuse', async () => {
    const started = await simWithClient({
      limits: { requestWeightPerMinute: 25, banAfter429s: 1, banMs: 90_000 },
    });
    sim = started.sim;
    await started.client.exchangeInfo();
    const limited = await fetch(`${sim.url}/api/v3/exchangeInfo`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      code: -1003,
      msg: expect.stringContaining('current limit is 25 request weight per 1 MINUTE'),
    });
    const banned = await fetch(`${sim.url}/api/v3/ping`);
    expect(banned.status).toBe(418);
    expect(Number(banned.headers.get('retry-after'))).toBeGreaterThan(80);
    expect(await banned.json()).toMatchObject({
      code: -1003,
      msg: expect.stringMatching(/^Way too much request weight used; IP banned until \d+\./),
    });
    const stillBanned = await rejectionOf(started.client.ping());
    expect(stillBanned.code).toBe(-1003);
    await sim.admin.reset();
    expect((await fetch(`${sim.url}/api/v3/ping`)).status).toBe(200);
  });

  it('answers 429 -1015 past the order-count limit, with the counts in headers', async () => {
    const started = await simWithClient({ limits: { ordersPer10s: 2 } });
    sim = started.sim;
    const order = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: '50000',
    };
    const first = await rawSigned(sim, started.creds, '/api/v3/order', order, { method: 'POST' });
    expect(first.headers.get('x-mbx-order-count-10s')).toBe('1');
    expect(first.headers.get('x-mbx-order-count-1d')).toBe('1');
    await rawSigned(sim, started.creds, '/api/v3/order', order, { method: 'POST' });
    const third = await rawSigned(sim, started.creds, '/api/v3/order', order, { method: 'POST' });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(third.body).toEqual({
      code: -1015,
      msg: 'Too many new orders; current limit is 2 orders per 10 SECOND.',
    });
    expect(await sim.admin.orders()).toHaveLength(2);
  });
});
