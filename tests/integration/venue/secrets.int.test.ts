import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOrderIdFor, type PlaceOrderRequest } from '@livegate/binance';
import { startVenue, type VenueFixture } from './venue-fixture.js';

const CANARY = 'canary-secret-7f3e9b21c4d5';

describe('secrets never reach outcomes or logs', () => {
  let venue: VenueFixture;
  const outcomes: unknown[] = [];
  beforeAll(async () => {
    venue = await startVenue({ apiSecret: CANARY });
  });
  afterAll(async () => {
    await venue.stop();
  });

  it('through successes, venue errors (whose library error carries the signed URL), faults and config faults', async () => {
    const { adapter, sim } = venue;
    const order = (key: string): PlaceOrderRequest => ({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.001',
      price: '50000.00',
      timeInForce: 'GTC',
      clientOrderId: clientOrderIdFor(key),
    });
    outcomes.push(await adapter.placeOrder(order('a')));
    outcomes.push(await adapter.placeOrder(order('a'))); // duplicate
    outcomes.push(await adapter.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'lg-missing' })); // -2013
    outcomes.push(await adapter.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: 'lg-missing' })); // -2011
    outcomes.push(await adapter.getOrder({ symbol: 'NOPE', clientOrderId: 'x' })); // -1121
    // The 429 last: its Retry-After (1 s) stops every client of the venue until it has passed.
    for (const kind of [
      'unknown-1007-after-accept',
      'connection-reset',
      '5xx-before-accept',
      'rate-limit',
    ] as const) {
      await sim.admin.injectFault({ kind, path: '/api/v3/order', method: 'POST', delayMs: 1 });
      outcomes.push(await adapter.placeOrder(order(kind)));
    }
    const deadline = Date.now() + 5_000;
    while (adapter.budget().stoppedUntil !== 0 && Date.now() < deadline) {
      await new Promise<void>((r) => setTimeout(r, 20));
    }
    const wrongSecret = venue.adapterWith({ apiSecret: `${CANARY}-wrong` });
    outcomes.push(await wrongSecret.getOrder({ symbol: 'BTCUSDT', clientOrderId: 'x' })); // -1022

    const kinds = outcomes.map((o) => (o as { kind: string }).kind);
    expect(kinds).toEqual([
      'placed',
      'duplicate',
      'not-found',
      'not-found',
      'rejected',
      'unknown',
      'unknown',
      'unknown',
      'rate-limited',
      'config-fault',
    ]);

    const signatures = (await sim.admin.requests())
      .map((r) => new URLSearchParams(r.query).get('signature'))
      .filter((s): s is string => s !== null);
    expect(signatures.length).toBeGreaterThan(10);

    const everything = [JSON.stringify(outcomes), ...venue.logLines].join('\n');
    expect(venue.logLines.length).toBeGreaterThan(10);
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain(venue.apiKey);
    expect(everything).not.toMatch(/signature=[0-9a-f]/i);
    for (const signature of signatures) expect(everything).not.toContain(signature);
  });
});
