import { describe, expect, it } from 'vitest';
import { faultSpecSchema } from './admin/schemas.js';
import { createFaultQueue } from './faults.js';
import { readLagFrom, visibleOn } from './read-lag.js';
import { unitSim } from '../test/unit-sim.js';

const lagFault = (extra: Record<string, unknown> = {}) =>
  faultSpecSchema.parse({ kind: 'read-lag', delayMs: 500, ...extra });

describe('read lag', () => {
  it('hides the order from every read path until acceptedAt + delayMs, to the millisecond', () => {
    const sim = unitSim();
    const { order } = sim.placed({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '59000',
      quantity: '0.01',
    });
    expect(visibleOn(order, '/api/v3/order', order.time)).toBe(true);
    order.readLag = readLagFrom(lagFault(), order.time);
    expect(order.readLag).toEqual({ until: order.time + 500 });
    for (const path of [
      '/api/v3/order',
      '/api/v3/openOrders',
      '/api/v3/allOrders',
      '/api/v3/myTrades',
    ] as const) {
      expect(visibleOn(order, path, order.time + 499)).toBe(false);
      expect(visibleOn(order, path, order.time + 500)).toBe(true);
    }
  });

  it('with a path, only that read path lags', () => {
    const sim = unitSim();
    const { order } = sim.placed({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '59000',
      quantity: '0.01',
    });
    order.readLag = readLagFrom(lagFault({ path: '/api/v3/openOrders' }), order.time);
    expect(visibleOn(order, '/api/v3/openOrders', order.time)).toBe(false);
    expect(visibleOn(order, '/api/v3/order', order.time)).toBe(true);
  });

  it('is taken only by accepted placements, never by the request faults', () => {
    const queue = createFaultQueue();
    queue.add(lagFault({ count: 2 }));
    queue.add(faultSpecSchema.parse({ kind: 'latency', delayMs: 1 }));
    expect(queue.take('POST', '/api/v3/order')?.kind).toBe('latency');
    expect(queue.take('POST', '/api/v3/order')).toBeUndefined();
    expect(queue.takeReadLag()).toMatchObject({ kind: 'read-lag', remaining: 1 });
    expect(queue.takeReadLag()).toMatchObject({ kind: 'read-lag', remaining: 0 });
    expect(queue.takeReadLag()).toBeUndefined();
  });

  it('needs delayMs ≥ 1, a read path if any, and no method or body', () => {
    const issues = (spec: Record<string, unknown>) => {
      const parsed = faultSpecSchema.safeParse(spec);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
    };
    expect(issues({ kind: 'read-lag' })).toEqual(['delayMs']);
    expect(issues({ kind: 'read-lag', delayMs: 0 })).toEqual(['delayMs']);
    expect(issues({ kind: 'read-lag', delayMs: 1, path: '/api/v3/account' })).toEqual(['path']);
    expect(issues({ kind: 'read-lag', delayMs: 1, method: 'GET', body: 'json' })).toEqual([
      'method',
      'body',
    ]);
    expect(issues({ kind: 'read-lag', delayMs: 1, path: '/api/v3/myTrades', count: 3 })).toEqual(
      [],
    );
    expect(issues({ kind: 'latency', path: '/api/v3/account', method: 'GET' })).toEqual([]);
  });
});
