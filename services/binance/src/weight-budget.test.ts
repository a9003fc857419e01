import { describe, expect, it } from 'vitest';
import { createWeightBudget, weightOfCall } from './weight-budget.js';

const T0 = 1_800_000_000_000; // a whole minute

function budget(at = { t: T0 }) {
  return {
    at,
    b: createWeightBudget({
      weightPerMinute: 100,
      ordersPer10s: 10,
      readShare: 0.5,
      orderShare: 0.9,
      now: () => at.t,
    }),
  };
}

describe('weight budget', () => {
  it('lets reads use only their share, orders theirs: reads yield to orders', () => {
    const { b } = budget();
    expect(b.admit('reads', 50)).toEqual({ kind: 'go' });
    const read = b.admit('reads', 1);
    expect(read).toMatchObject({ kind: 'wait', reason: 'weight', waitMs: 60_000 });
    expect(b.admit('orders', 40)).toEqual({ kind: 'go' });
    expect(b.admit('orders', 1)).toMatchObject({ kind: 'wait', reason: 'weight' });
    expect(b.snapshot()).toEqual({ usedWeight: 90, orderCount10s: 0, stoppedUntil: 0 });
  });

  it('starts afresh in the next minute and waits only until then', () => {
    const { b, at } = budget();
    b.admit('reads', 50);
    at.t += 45_000;
    expect(b.peek('reads', 1)).toMatchObject({ kind: 'wait', waitMs: 15_000 });
    at.t += 15_000;
    expect(b.peek('reads', 1)).toEqual({ kind: 'go' });
    expect(b.snapshot().usedWeight).toBe(0);
  });

  it('peek takes nothing', () => {
    const { b } = budget();
    expect(b.peek('orders', 5, true)).toEqual({ kind: 'go' });
    expect(b.snapshot()).toMatchObject({ usedWeight: 0, orderCount10s: 0 });
  });

  it('counts orders per 10 seconds within the order share', () => {
    const { b, at } = budget();
    for (let i = 0; i < 9; i += 1) expect(b.admit('orders', 1, true)).toEqual({ kind: 'go' });
    at.t += 4_000;
    expect(b.admit('orders', 1, true)).toMatchObject({
      kind: 'wait',
      reason: 'orders',
      waitMs: 6_000,
    });
    expect(b.admit('orders', 1)).toEqual({ kind: 'go' });
    at.t += 6_000;
    expect(b.admit('orders', 1, true)).toEqual({ kind: 'go' });
  });

  it("learns the venue's counts from headers and never lowers them within a window", () => {
    const { b } = budget();
    b.admit('reads', 10);
    b.observe({ usedWeight: 48, orderCount10s: 9 });
    expect(b.snapshot()).toMatchObject({ usedWeight: 48, orderCount10s: 9 });
    b.observe({ usedWeight: 3 });
    b.observe({});
    expect(b.snapshot().usedWeight).toBe(48);
    expect(b.admit('reads', 3)).toMatchObject({ kind: 'wait', reason: 'weight' });
    expect(b.admit('orders', 1, true)).toMatchObject({ kind: 'wait', reason: 'orders' });
  });

  it('stops every class until a Retry-After has passed, never shortening a stop', () => {
    const { b, at } = budget();
    b.stopUntil(T0 + 5_000);
    b.stopUntil(T0 + 1_000);
    expect(b.admit('orders', 1, true)).toMatchObject({
      kind: 'wait',
      reason: 'stopped',
      waitMs: 5_000,
    });
    expect(b.snapshot().stoppedUntil).toBe(T0 + 5_000);
    at.t += 5_000;
    expect(b.admit('reads', 1)).toEqual({ kind: 'go' });
    expect(b.snapshot().stoppedUntil).toBe(0);
  });

  it('knows the weight of each call; an unknown one costs 20', () => {
    expect(weightOfCall('order')).toBe(1);
    expect(weightOfCall('openOrders(all)')).toBe(80);
    expect(weightOfCall('allOrders')).toBe(20);
    expect(weightOfCall('something new')).toBe(20);
  });
});
