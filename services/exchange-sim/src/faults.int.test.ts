import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawSigned, rejectionOf, simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimCredentials, SimHandle } from './index.js';

let sim: SimHandle;
let creds: SimCredentials;
let client: LooseClient;
beforeEach(async () => {
  ({ sim, creds, client } = await simWithClient());
});
afterEach(() => sim.stop());

const market = (newClientOrderId: string) => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.001',
  newClientOrderId,
});
const placedIds = async () => (await sim.admin.orders()).map((o) => o.clientOrderId);

describe('fault injection', () => {
  it('5xx-before-accept: HTTP 503 with the gateway HTML page (no code for the client), nothing placed', async () => {
    await sim.admin.injectFault({ kind: '5xx-before-accept', count: 1, path: '/api/v3/order' });
    const err = await rejectionOf(client.order(market('f5xx-1')));
    expect(err.code).toBeUndefined();
    expect(err.message).toMatch(/^503 Service Unavailable <html>/);
    expect(await placedIds()).toEqual([]);
    expect((await client.order(market('f5xx-1'))).status).toBe('FILLED');
  });

  it('5xx-before-accept with a JSON body: HTTP 503 -1008', async () => {
    await sim.admin.injectFault({ kind: '5xx-before-accept', body: 'json' });
    const res = await fetch(`${sim.url}/api/v3/ping`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      code: -1008,
      msg: 'Server is currently overloaded with other requests. Please try again in a few minutes.',
    });
  });

  it('unknown-1007-after-accept: the order is placed but the answer is -1007', async () => {
    await sim.admin.injectFault({
      kind: 'unknown-1007-after-accept',
      path: '/api/v3/order',
      method: 'post',
    });
    const err = await rejectionOf(client.order(market('f1007-1')));
    expect({ code: err.code, message: err.message }).toEqual({
      code: -1007,
      message:
        'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
    });
    expect(
      await client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'f1007-1' }),
    ).toMatchObject({ status: 'FILLED' });
  });

  it('accept-then-timeout without delay: placed, and the answer is held until the client gives up', async () => {
    await sim.admin.injectFault({ kind: 'accept-then-timeout', path: '/api/v3/order' });
    const started = Date.now();
    const held = rawSigned(sim, creds, '/api/v3/order', market('held-1'), {
      method: 'POST',
      signal: AbortSignal.timeout(300),
    });
    await expect(held).rejects.toThrow(/aborted/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await placedIds()).toEqual(['held-1']);
    expect((await client.order(market('after-held'))).status).toBe('FILLED');
  });

  it('accept-then-timeout with delayMs: the real answer comes late', async () => {
    await sim.admin.injectFault({ kind: 'accept-then-timeout', delayMs: 300 });
    const started = Date.now();
    const placed = await client.order(market('late-1'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(placed).toMatchObject({ clientOrderId: 'late-1', status: 'FILLED' });
  });

  it('stop() releases a held answer: the client sees the connection drop', async () => {
    await sim.admin.injectFault({ kind: 'accept-then-timeout', path: '/api/v3/order' });
    const hanging = rejectionOf(client.order(market('held-2')));
    await expect.poll(placedIds, { timeout: 5000 }).toEqual(['held-2']);
    await sim.stop();
    const err = await hanging;
    expect(err.code).toBe('ECONNRESET');
  });

  it('latency: waits delayMs, then answers normally', async () => {
    await sim.admin.injectFault({ kind: 'latency', path: '/api/v3/ping' });
    expect(await client.ping()).toBe(true);
    await sim.admin.injectFault({ kind: 'latency', delayMs: 250, path: '/api/v3/time' });
    const started = Date.now();
    expect(await client.time()).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('rate-limit: HTTP 429 -1003 with Retry-After, nothing placed', async () => {
    await sim.admin.injectFault({
      kind: 'rate-limit',
      count: 2,
      delayMs: 4500,
      path: '/api/v3/order',
    });
    const raw = await rawSigned(sim, creds, '/api/v3/order', market('rl-1'), { method: 'POST' });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('5');
    expect(raw.body.code).toBe(-1003);
    const err = await rejectionOf(client.order(market('rl-2')));
    expect(err.code).toBe(-1003);
    expect(await placedIds()).toEqual([]);
    await sim.admin.injectFault({ kind: 'rate-limit' });
    const res = await fetch(`${sim.url}/api/v3/ping`);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('connection-reset: the socket is destroyed, the client gets ECONNRESET, nothing placed', async () => {
    await sim.admin.injectFault({ kind: 'connection-reset', path: '/api/v3/order' });
    const err = await rejectionOf(client.order(market('reset-1')));
    expect(err.code).toBe('ECONNRESET');
    expect(await placedIds()).toEqual([]);
  });

  it('applies only to matching requests, for count requests, in injection order, and can be listed and cleared', async () => {
    await sim.admin.injectFault({
      kind: '5xx-before-accept',
      count: 2,
      path: '/api/v3/ping',
      method: 'GET',
    });
    await sim.admin.injectFault({ kind: 'latency', delayMs: 1 });
    expect(await sim.admin.faults()).toMatchObject([
      { id: 1, kind: '5xx-before-accept', remaining: 2, method: 'GET' },
      { id: 2, kind: 'latency', remaining: 1 },
    ]);
    expect((await fetch(`${sim.url}/api/v3/ping`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${sim.url}/api/v3/ping`)).status).toBe(503);
    expect((await fetch(`${sim.url}/api/v3/ping`)).status).toBe(503);
    expect(await sim.admin.faults()).toEqual([]);
    expect((await fetch(`${sim.url}/api/v3/ping`)).status).toBe(200);
    await sim.admin.injectFault({ kind: 'connection-reset', count: 3 });
    await sim.admin.clearFaults();
    expect(await client.ping()).toBe(true);
  });
});
