import { clientOrderIdFor, createBinanceSpotAdapter } from '@livegate/binance';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReconcileStack, type ReconcileStack } from './fixture.js';

let s: ReconcileStack;
let seq = 0;
beforeAll(async () => {
  s = await startReconcileStack();
});
afterAll(async () => {
  await s.stop();
});
beforeEach(async () => {
  await s.sim.admin.clearFaults();
  await s.t.db.deleteFrom('execution.fills').execute();
  await s.t.db.deleteFrom('execution.order_events').execute();
  await s.t.db.deleteFrom('execution.orders').execute();
});

/** A resting order on the paper venue with its NEW row; `fill` fills it on the venue afterwards. */
async function restingRow({ fill = false } = {}) {
  seq += 1;
  const intentId = `f-${seq}`;
  const order = await s.place('paper', { intentId });
  await s.seedRow({
    intent_id: intentId,
    client_order_id: clientOrderIdFor(intentId),
    exchange_order_id: order.orderId,
  });
  if (fill) await s.sim.admin.fillOrder(Number(order.orderId));
  return intentId;
}

const stateOf = async (intentId: string) => (await s.row(intentId))?.state;
const gate = () =>
  s.t.db
    .selectFrom('arming.reconcile_gate')
    .selectAll()
    .where('venue', '=', 'paper')
    .executeTakeFirstOrThrow();

describe('reconcile - rate limits', () => {
  it('pauses for a short Retry-After and finishes the run', async () => {
    const filled = await restingRow({ fill: true });
    await s.sim.admin.injectFault({
      kind: 'rate-limit',
      count: 1,
      delayMs: 1_000,
      path: '/api/v3/openOrders',
    });
    const [run] = await s
      .reconciler({ venues: { paper: s.adapters.paper } })
      .request({ trigger: 'operator' });
    expect(run).toMatchObject({ rowsChanged: { 'NEW->FILLED': 1 }, errors: [], unresolved: 0 });
    expect(await stateOf(filled)).toBe('FILLED');
    const stored = await s.t.db
      .selectFrom('reconcile.runs')
      .select('report')
      .where('id', '=', run?.runId as string)
      .executeTakeFirstOrThrow();
    expect(stored.report).toMatchObject({ pausedMs: 1_000 });
  });

  it('ends the run with RATE_LIMITED when the wait is longer than allowed, changing nothing; nobody calls the venue before its Retry-After, then the next run completes', async () => {
    const filled = await restingRow({ fill: true });
    await s.sim.admin.injectFault({
      kind: 'rate-limit',
      count: 1,
      delayMs: 2_500,
      path: '/api/v3/allOrders',
      method: 'GET',
    });
    const r = s.reconciler({ venues: { paper: s.adapters.paper }, rules: { maxPauseMs: 2_000 } });
    const [limited] = await r.request({ trigger: 'operator' });
    expect(limited).toMatchObject({ rowsChecked: 1, rowsChanged: {}, unresolved: 1 });
    expect(limited?.errors).toEqual([
      {
        code: 'RATE_LIMITED',
        message:
          'allOrders BTCUSDT: the venue asks to wait 3000 ms, more than this run may still wait (2000 ms); the next run continues.',
      },
    ]);
    expect(await stateOf(filled)).toBe('NEW');
    expect(await gate()).toMatchObject({ in_progress: false, unresolved: 1 });
    // The venue said 3 s: a run started now waits them out (nothing is sent before), then completes.
    const sentBefore = (await s.sim.admin.requests()).length;
    const patient = s.reconciler({
      venues: { paper: s.adapters.paper },
      rules: { maxPauseMs: 5_000 },
    });
    const [next] = await patient.request({ trigger: 'operator' });
    expect(next).toMatchObject({ rowsChanged: { 'NEW->FILLED': 1 }, errors: [], unresolved: 0 });
    expect((await s.sim.admin.requests()).length).toBeGreaterThan(sentBefore);
    expect(await gate()).toMatchObject({ unresolved: 0, last_run_id: next?.runId });
  });
});

describe('reconcile - venue outage', () => {
  it('ends the run when the venue fails mid-run, leaving the rows it did not reach as they were', async () => {
    const first = await restingRow({ fill: true });
    const second = await restingRow({ fill: true });
    await s.sim.admin.injectFault({
      kind: '5xx-before-accept',
      count: 1,
      path: '/api/v3/order',
      method: 'GET',
    });
    const r = s.reconciler({ venues: { paper: s.adapters.paper } });
    const [failed] = await r.request({ trigger: 'operator' });
    expect(failed).toMatchObject({ rowsChecked: 2, rowsChanged: {}, unresolved: 2 });
    expect(failed?.errors.map((e) => e.code)).toEqual(['VENUE_UNAVAILABLE']);
    expect([await stateOf(first), await stateOf(second)]).toEqual(['NEW', 'NEW']);
    const [next] = await r.request({ trigger: 'operator' });
    expect(next).toMatchObject({ rowsChanged: { 'NEW->FILLED': 2 }, fillsAdded: 2, errors: [] });
  });

  it('reports a venue that cannot be reached, or that refuses our keys, without changing anything', async () => {
    const resting = await restingRow();
    const venue = (baseUrl: string, apiSecret: string) =>
      createBinanceSpotAdapter({
        config: { name: 'paper', baseUrl, apiKey: s.paper.apiKey, apiSecret, timeoutMs: 2_000 },
        logger: s.logger,
      });
    const down = venue('http://127.0.0.1:1', s.paper.apiSecret);
    const wrongKey = venue(s.sim.url, 'not-the-secret');
    try {
      const [unreachable] = await s
        .reconciler({ venues: { paper: down } })
        .request({ trigger: 'operator' });
      expect(unreachable?.errors.map((e) => e.code)).toEqual(['VENUE_UNAVAILABLE']);
      expect(unreachable?.unresolved).toBe(1);
      const [refused] = await s
        .reconciler({ venues: { paper: wrongKey } })
        .request({ trigger: 'operator' });
      expect(refused?.errors.map((e) => e.code)).toEqual(['VENUE_CONFIG_FAULT']);
      expect(await stateOf(resting)).toBe('NEW');
    } finally {
      down.close();
      wrongKey.close();
    }
  });
});

describe('reconcile - refusals', () => {
  it('reports a lookup the venue refuses and goes on with the other rows', async () => {
    const filled = await restingRow({ fill: true });
    await s.seedRow({
      intent_id: 'odd-symbol',
      symbol: 'XYZUSDT',
      client_order_id: clientOrderIdFor('odd-symbol'),
    });
    const r = s.reconciler({ venues: { paper: s.adapters.paper } });
    const [startup] = await r.start();
    expect(startup).toMatchObject({
      rowsChecked: 2,
      rowsChanged: { 'NEW->FILLED': 1 },
      unresolved: 1,
    });
    expect(startup?.errors).toHaveLength(1);
    expect(startup?.errors[0]?.code).toBe('VENUE_REJECTED');
    expect(startup?.errors[0]?.message).toMatch(
      /^getOrder XYZUSDT lg-.* \(intent odd-symbol\): refused by the venue \(-1121: /,
    );
    expect(await stateOf(filled)).toBe('FILLED');
    const [later] = await r.request({ trigger: 'operator' });
    expect(later?.errors.map((e) => e.code)).toEqual(['VENUE_REJECTED']);
    expect(later?.errors[0]?.message).toMatch(/^openOrders XYZUSDT: refused by the venue/);
    expect(later?.unresolved).toBe(1);
  });
});
