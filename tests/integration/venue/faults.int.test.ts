import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor, type PlaceOrderRequest } from '@livegate/binance';
import { startVenue, type VenueFixture } from './venue-fixture.js';

let venue: VenueFixture;
beforeEach(async () => {
  venue = await startVenue();
  // Warm the caches (exchangeInfo, clock, account) so each fault hits the placement itself.
  expect((await venue.adapter.exchangeInfo()).kind).toBe('ok');
  expect((await venue.adapter.syncTime()).kind).toBe('ok');
});
afterEach(async () => {
  await venue.stop();
});

const order = (key: string): PlaceOrderRequest => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.001',
  price: '50000.00',
  timeInForce: 'GTC',
  clientOrderId: clientOrderIdFor(key),
});
const onOrder = { path: '/api/v3/order', method: 'POST' } as const;

async function truthFor(key: string) {
  const all = await venue.sim.admin.orders({ apiKey: venue.apiKey });
  return all.filter((o) => o.clientOrderId === clientOrderIdFor(key));
}

/** Polls the simulator's ground truth until `check` holds (bounded; no fixed sleeps). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('fault → outcome (DESIGN.md §5), against the simulator over HTTP', () => {
  it('accept-then-timeout → unknown (timeout), the order exists in ground truth, and a lookup resolves it', async () => {
    const adapter = venue.adapterWith({ timeoutMs: 300 });
    await venue.sim.admin.injectFault({ kind: 'accept-then-timeout', ...onOrder });
    expect(await adapter.placeOrder(order('att'))).toEqual({
      kind: 'unknown',
      cause: 'timeout',
      message: 'no answer within 300 ms',
    });
    expect(await truthFor('att')).toMatchObject([{ status: 'NEW' }]);
    expect(
      await adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderIdFor('att') }),
    ).toMatchObject({
      kind: 'ok',
      value: { status: 'NEW' },
    });
  });

  it('5xx before accept (HTML gateway page) → unknown (server-error), nothing placed', async () => {
    await venue.sim.admin.injectFault({ kind: '5xx-before-accept', ...onOrder });
    expect(await venue.adapter.placeOrder(order('5xx'))).toEqual({
      kind: 'unknown',
      cause: 'server-error',
      message: 'HTTP 503 with a body that is not a Binance error',
    });
    expect(await truthFor('5xx')).toEqual([]);
  });

  it('5xx before accept (JSON -1008) → unknown, nothing placed', async () => {
    await venue.sim.admin.injectFault({ kind: '5xx-before-accept', body: 'json', ...onOrder });
    expect(await venue.adapter.placeOrder(order('5xx-json'))).toMatchObject({
      kind: 'unknown',
      cause: 'venue-unknown',
      code: -1008,
    });
    expect(await truthFor('5xx-json')).toEqual([]);
  });

  it('-1007 after accept → unknown (venue-unknown), and the order was placed', async () => {
    await venue.sim.admin.injectFault({ kind: 'unknown-1007-after-accept', ...onOrder });
    expect(await venue.adapter.placeOrder(order('1007'))).toMatchObject({
      kind: 'unknown',
      cause: 'venue-unknown',
      code: -1007,
    });
    expect(await truthFor('1007')).toMatchObject([{ status: 'NEW' }]);
  });

  it('rate limit → rate-limited with the Retry-After the adapter read off the wire, nothing placed', async () => {
    await venue.sim.admin.injectFault({ kind: 'rate-limit', delayMs: 3_000, ...onOrder });
    expect(await venue.adapter.placeOrder(order('429'))).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 3_000,
      banned: false,
      code: -1003,
    });
    expect(await truthFor('429')).toEqual([]);
    expect(venue.adapter.health()).toEqual({ state: 'healthy' });
  });

  it('connection reset → unknown (network)', async () => {
    await venue.sim.admin.injectFault({ kind: 'connection-reset', ...onOrder });
    expect(await venue.adapter.placeOrder(order('reset'))).toMatchObject({
      kind: 'unknown',
      cause: 'network',
    });
    expect(await truthFor('reset')).toEqual([]);
  });

  it('latency below the timeout → placed', async () => {
    await venue.sim.admin.injectFault({ kind: 'latency', delayMs: 150, ...onOrder });
    expect(await venue.adapter.placeOrder(order('slow'))).toMatchObject({
      kind: 'placed',
      order: { status: 'NEW' },
    });
  });

  it('latency above the timeout → unknown, and the late order does appear', async () => {
    const adapter = venue.adapterWith({ timeoutMs: 100 });
    await venue.sim.admin.injectFault({ kind: 'latency', delayMs: 400, ...onOrder });
    expect(await adapter.placeOrder(order('late'))).toMatchObject({
      kind: 'unknown',
      cause: 'timeout',
    });
    await eventually(async () => (await truthFor('late')).length === 1);
  });

  it('a queried order under a fault is unknown too, never not-found', async () => {
    await venue.sim.admin.injectFault({
      kind: 'connection-reset',
      path: '/api/v3/order',
      method: 'GET',
    });
    expect(
      await venue.adapter.getOrder({
        symbol: 'BTCUSDT',
        clientOrderId: clientOrderIdFor('nothing'),
      }),
    ).toMatchObject({
      kind: 'unknown',
      cause: 'network',
    });
  });
});

describe('configuration faults mark the venue unhealthy', () => {
  it('a wrong secret → config-fault -1022, unhealthy, no order', async () => {
    const adapter = venue.adapterWith({ apiSecret: 'not-the-secret' });
    expect(await adapter.placeOrder(order('badsig'))).toMatchObject({
      kind: 'config-fault',
      code: -1022,
    });
    expect(adapter.health()).toMatchObject({ state: 'unhealthy', code: -1022 });
    expect(await venue.requests(onOrder)).toEqual([]);
  });

  it('an unknown API key → config-fault -2015', async () => {
    const adapter = venue.adapterWith({ apiKey: 'NoSuchKey123' });
    expect(await adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })).toMatchObject({
      kind: 'config-fault',
      code: -2015,
    });
    expect(adapter.health()).toMatchObject({ state: 'unhealthy', code: -2015 });
  });
});

describe('server time', () => {
  it('a venue clock far from ours works through the measured offset; a jump gives -1021, then a re-sync recovers', async () => {
    let skewMs = -30_000;
    const skewed = await startVenue({ sim: { clock: () => Date.now() + skewMs } });
    try {
      const id = { symbol: 'BTCUSDT', clientOrderId: clientOrderIdFor('never') };
      expect(await skewed.adapter.getOrder(id)).toMatchObject({ kind: 'not-found' });
      expect(skewed.adapter.timeOffsetMs()).toBeLessThan(-29_000);

      skewMs = 30_000;
      expect(await skewed.adapter.getOrder(id)).toMatchObject({
        kind: 'config-fault',
        code: -1021,
      });
      expect(skewed.adapter.health()).toMatchObject({ state: 'unhealthy', code: -1021 });

      expect(await skewed.adapter.getOrder(id)).toMatchObject({ kind: 'not-found' });
      expect(skewed.adapter.timeOffsetMs()).toBeGreaterThan(29_000);
      expect(skewed.adapter.health()).toEqual({ state: 'healthy' });
    } finally {
      await skewed.stop();
    }
  });
});

describe('IP ban (418) stops the venue', () => {
  it('after a 429 the adapter waits its Retry-After, so it never provokes the 418 itself', async () => {
    const minuteStart = Math.floor(Date.now() / 60_000) * 60_000;
    const startedAt = Date.now();
    const limited = await startVenue({
      // A clock pinned to the start of a minute so the weight window cannot roll over mid-test.
      sim: {
        clock: () => minuteStart + 1_000 + (Date.now() - startedAt),
        limits: { requestWeightPerMinute: 40, banAfter429s: 1, banMs: 60_000 },
      },
    });
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i += 1) {
        const r = await limited.adapter.openOrders('BTCUSDT');
        outcomes.push(r.kind === 'rate-limited' ? (r.banned ? 'banned' : 'limited') : r.kind);
      }
      // The venue's limit (40) is not in our settings: one 429 teaches it, then nothing is sent.
      expect(outcomes).not.toContain('banned');
      expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(0);
      const sent = (await limited.sim.admin.requests()).filter(
        (r) => r.path === '/api/v3/openOrders',
      );
      expect(sent.length).toBe(outcomes.filter((o) => o === 'ok').length + 1);
      expect(limited.adapter.health()).not.toMatchObject({ state: 'stopped' });
    } finally {
      await limited.stop();
    }
  });

  it('a 418 another client provoked stops the adapter until the ban ends', async () => {
    const minuteStart = Math.floor(Date.now() / 60_000) * 60_000;
    const startedAt = Date.now();
    const limited = await startVenue({
      sim: {
        clock: () => minuteStart + 1_000 + (Date.now() - startedAt),
        limits: { requestWeightPerMinute: 40, banAfter429s: 1, banMs: 60_000 },
      },
    });
    try {
      // Another client (not ours, its answers unseen by the adapter) ignores a 429 and is banned.
      const statuses: number[] = [];
      while (!statuses.includes(418)) {
        statuses.push((await fetch(`${limited.sim.url}/api/v3/exchangeInfo`)).status);
      }
      const r = await limited.adapter.openOrders('BTCUSDT');
      expect(r).toMatchObject({ kind: 'rate-limited', banned: true });
      expect(limited.adapter.health()).toMatchObject({ state: 'stopped' });

      const before = (await limited.sim.admin.requests()).length;
      const refused = await limited.adapter.placeOrder(order('during-ban'));
      expect(refused).toMatchObject({ kind: 'rate-limited' });
      expect(refused.kind === 'rate-limited' && refused.retryAfterMs).toBeGreaterThan(50_000);
      expect((await limited.sim.admin.requests()).length).toBe(before);
    } finally {
      await limited.stop();
    }
  });
});
