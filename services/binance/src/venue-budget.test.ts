import diagnostics from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@livegate/runtime';
import { limitOrder, setup } from './adapter.test-support.js';
import { createVenueBudget, type BudgetNote } from './venue-budget.js';
import { tapVenueAnswers } from './weight-tap.js';

const channel = diagnostics.channel('http.client.response.finish');
const logger = createLogger({ service: 'test', level: 'silent' });

/** An HTTP answer as Node's http client reports it on the diagnostics channel. */
function answer(
  host: string | undefined,
  {
    status = 200,
    apiKey,
    headers = {},
  }: { status?: number; apiKey?: string; headers?: Record<string, string | string[]> } = {},
) {
  channel.publish({
    request: {
      getHeader: (name: string) =>
        name === 'host' ? host : name === 'x-mbx-apikey' ? apiKey : undefined,
    },
    response: { statusCode: status, headers },
  });
}

function share() {
  const published: BudgetNote[] = [];
  let listener: ((note: BudgetNote) => void) | undefined;
  let unsubscribed = 0;
  return {
    published,
    deliver: (note: BudgetNote) => listener?.(note),
    unsubscribed: () => unsubscribed,
    share: {
      publish: (note: BudgetNote) => published.push(note),
      subscribe: (l: (note: BudgetNote) => void) => {
        listener = l;
        return () => (unsubscribed += 1);
      },
    },
  };
}

const T0 = 1_800_000_000_000;

function budgetOn(host: string, extra: Partial<Parameters<typeof createVenueBudget>[0]> = {}) {
  const clock = { t: T0 };
  const s = share();
  const budget = createVenueBudget({
    host,
    apiKey: 'key-1',
    budgetClass: 'orders',
    weightPerMinute: 100,
    ordersPer10s: 10,
    readShare: 0.5,
    orderShare: 0.9,
    now: () => clock.t,
    logger,
    share: s.share,
    sleep: async (ms) => {
      clock.t += ms;
    },
    ...extra,
  });
  return { budget, clock, ...s };
}

describe('weight tap', () => {
  it('hands every answer from its host to its listeners, parsed; others and junk are ignored', () => {
    const seen: unknown[] = [];
    const stop = tapVenueAnswers('venue-a:1', (f) => seen.push(f));
    const stop2 = tapVenueAnswers('venue-a:1', () => undefined);
    answer('venue-a:1', {
      status: 429,
      apiKey: 'k',
      headers: {
        'x-mbx-used-weight-1m': ['12'],
        'x-mbx-order-count-10s': '3',
        'retry-after': '7',
      },
    });
    answer('venue-b:1');
    answer(undefined);
    answer('venue-a:1', { headers: { 'x-mbx-used-weight-1m': 'lots' } });
    channel.publish({ request: { getHeader: () => 'venue-a:1' }, response: { headers: {} } });
    expect(seen).toEqual([
      { status: 429, apiKey: 'k', usedWeight: 12, orderCount10s: 3, retryAfterMs: 7_000 },
      {
        status: 200,
        apiKey: undefined,
        usedWeight: undefined,
        orderCount10s: undefined,
        retryAfterMs: undefined,
      },
      {
        status: 0,
        apiKey: 'venue-a:1',
        usedWeight: undefined,
        orderCount10s: undefined,
        retryAfterMs: undefined,
      },
    ]);
    stop();
    stop();
    stop2();
    answer('venue-a:1');
    expect(seen).toHaveLength(3);
  });
});

describe('venue budget', () => {
  it("learns the venue's counts (order counts of its own key only) and tells the other instances", () => {
    const { budget, published } = budgetOn('vb-1:1');
    answer('vb-1:1', {
      apiKey: 'other-key',
      headers: { 'x-mbx-used-weight-1m': '30', 'x-mbx-order-count-10s': '9' },
    });
    expect(budget.snapshot()).toEqual({ usedWeight: 30, orderCount10s: 0, stoppedUntil: 0 });
    answer('vb-1:1', { apiKey: 'key-1', headers: { 'x-mbx-order-count-10s': '4' } });
    expect(budget.snapshot().orderCount10s).toBe(4);
    expect(published).toEqual([{ usedWeight: 30 }, { usedWeight: undefined, orderCount10s: 4 }]);
    budget.close();
  });

  it('a 429 or 418 stops it until Retry-After (60 s when unreadable), and the stop is shared', () => {
    const { budget, published } = budgetOn('vb-2:1');
    answer('vb-2:1', { status: 429, headers: { 'retry-after': '5' } });
    expect(budget.snapshot().stoppedUntil).toBe(T0 + 5_000);
    expect(published.at(-1)).toMatchObject({ stopUntil: T0 + 5_000 });
    answer('vb-2:1', { status: 418 });
    expect(budget.snapshot().stoppedUntil).toBe(T0 + 60_000);
    expect(budget.admit('query', 'account')).toMatchObject({
      kind: 'rate-limited',
      banned: false,
      retryAfterMs: 60_000,
    });
    budget.close();
  });

  it('applies what other instances report, and stops listening when closed', () => {
    const { budget, deliver, unsubscribed } = budgetOn('vb-3:1');
    deliver({ usedWeight: 85, stopUntil: T0 + 1_000 });
    expect(budget.snapshot()).toEqual({
      usedWeight: 85,
      orderCount10s: 0,
      stoppedUntil: T0 + 1_000,
    });
    deliver({ orderCount10s: 2 });
    expect(budget.snapshot().orderCount10s).toBe(2);
    budget.close();
    expect(unsubscribed()).toBe(1);
  });

  it('charges each call its weight and holds back what exceeds the class share', () => {
    const { budget } = budgetOn('vb-4:1', { budgetClass: 'reads', share: undefined });
    expect(budget.admit('query', 'exchangeInfo')).toBeUndefined();
    expect(budget.admit('query', 'account')).toBeUndefined();
    expect(budget.admit('query', 'openOrders')).toBeUndefined();
    expect(budget.admit('query', 'openOrders')).toMatchObject({ kind: 'rate-limited' });
    expect(budget.snapshot().usedWeight).toBe(46);
    budget.close();
  });

  it('lets an order wait while its caller may, and says when it may not', async () => {
    const { budget, clock, deliver } = budgetOn('vb-5:1');
    expect(await budget.waitForOrder(() => true)).toBe(true);
    expect(budget.orderHeldBack()).toBeUndefined();
    deliver({ usedWeight: 90 });
    expect(await budget.waitForOrder(() => false)).toBe(false);
    expect(budget.orderHeldBack()).toMatchObject({ kind: 'rate-limited', banned: false });
    const start = clock.t;
    expect(await budget.waitForOrder(() => clock.t - start < 120_000)).toBe(true);
    expect(clock.t).toBeGreaterThanOrEqual(T0 + 60_000);
    budget.close();
  });
});

describe('adapter with the budget', () => {
  it('names heavy reads for their weight and reads allOrders', async () => {
    const { adapter, calls } = setup({}, { weightPerMinute: 1_000 });
    expect((await adapter.openOrders()).kind).toBe('ok');
    expect((await adapter.myTrades({ symbol: 'BTCUSDT' })).kind).toBe('ok');
    expect(await adapter.allOrders({ symbol: 'BTCUSDT', orderId: '5', limit: 1000 })).toMatchObject(
      {
        kind: 'ok',
      },
    );
    expect(calls.at(-1)).toMatchObject({
      method: 'allOrders',
      payload: { symbol: 'BTCUSDT', orderId: '5', limit: 1000 },
    });
    // time 1 + openOrders(all) 80 + myTrades(symbol) 20 + allOrders 20
    expect(adapter.budget().usedWeight).toBe(121);
    adapter.close();
  });

  it('never sends an order after its send budget: waits, then budget-exhausted', async () => {
    const { adapter, methods } = setup({}, { weightPerMinute: 14, orderShare: 0.5 });
    expect((await adapter.syncTime()).kind).toBe('ok');
    expect((await adapter.openOrders('BTCUSDT')).kind).toBe('ok');
    let asked = 0;
    const outcome = await adapter.sendOrder(limitOrder, { mayStillSign: () => ++asked < 3 });
    expect(outcome).toMatchObject({ kind: 'budget-exhausted' });
    expect(asked).toBe(3);
    expect(methods()).not.toContain('order');
    // Without a send budget nothing waits: the call is held back at once.
    expect(await adapter.sendOrder(limitOrder)).toMatchObject({
      kind: 'rate-limited',
      banned: false,
    });
    expect(methods()).not.toContain('order');
    adapter.close();
  });

  it('checkOrder does not clear an order the budget cannot take now (it is not fenced)', async () => {
    const { adapter, methods } = setup({}, { weightPerMinute: 60, orderShare: 0.5 });
    // exchangeInfo 20 + account 20 (+ time 1) of the pre-trade reads: 41 > 30 after them.
    const checked = await adapter.checkOrder(limitOrder);
    expect(checked).toMatchObject({ kind: 'rate-limited', banned: false });
    expect(methods()).not.toContain('order');
    adapter.close();
  });

  it('a send budget that ran out before the check is not signed, budget or not', async () => {
    const { adapter, methods } = setup();
    expect(await adapter.sendOrder(limitOrder, { mayStillSign: () => false })).toMatchObject({
      kind: 'not-signed',
    });
    expect(methods()).not.toContain('order');
    adapter.close();
  });
});
