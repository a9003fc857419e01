import { clientOrderIdFor } from '@livegate/binance';
import { connectBus } from '@livegate/bus';
import type { ReconcileVenue } from '@livegate/reconciler';
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
  const r = await s.adapters.paper.openOrders();
  if (r.kind !== 'ok') throw new Error(r.message);
  for (const o of r.value) await s.sim.admin.cancelOrder(Number(o.orderId));
  await s.t.db.deleteFrom('execution.fills').execute();
  await s.t.db.deleteFrom('execution.order_events').execute();
  await s.t.db.deleteFrom('execution.orders').execute();
});

/** A paper order on the simulator and its row, as execution stored it once the order was placed. */
async function placedRow(patch: Record<string, unknown> = {}) {
  seq += 1;
  const intentId = `b-${seq}`;
  const order = await s.place('paper', { intentId });
  await s.seedRow({
    intent_id: intentId,
    client_order_id: clientOrderIdFor(intentId),
    exchange_order_id: order.orderId,
    ...patch,
  });
  return { intentId, orderId: Number(order.orderId) };
}

const hasLog = (msg: string) => s.logLines.some((l) => l.includes(`"msg":"${msg}"`));
const paperOnly = (venue: ReconcileVenue = s.adapters.paper) => ({ venues: { paper: venue } });
const paperRequests = () => s.sim.admin.requests({ apiKey: s.paper.apiKey });
/** The paper account's requests a run made (the log holds every earlier test's too). */
async function runLogged<T>(run: () => Promise<T>) {
  const before = (await paperRequests()).length;
  const result = await run();
  const made = (await paperRequests()).slice(before);
  return {
    result,
    made: (method: string, path: string) =>
      made.filter((q) => q.method === method && q.path === path),
  };
}

describe('reconciler batches - one UPDATE per chunk', () => {
  it('keeps the stored quote quantity when the venue reports none (negative), without a fills insert', async () => {
    const { intentId, orderId } = await placedRow({ cummulative_quote_qty: '12.5' });
    await s.sim.admin.cancelOrder(orderId);
    // Binance reports a negative cummulativeQuoteQty for orders of before it kept one.
    const noQuote: ReconcileVenue = {
      ...s.adapters.paper,
      allOrders: async (q) => {
        const r = await s.adapters.paper.allOrders(q);
        if (r.kind !== 'ok') return r;
        return {
          ...r,
          value: r.value.map((o) => ({ ...o, cummulativeQuoteQty: '-1.00000000' })),
        };
      },
    };
    const {
      result: [run],
      made,
    } = await runLogged(() => s.reconciler(paperOnly(noQuote)).request({ trigger: 'operator' }));
    expect(run).toMatchObject({ rowsChanged: { 'NEW->CANCELED': 1 }, fillsAdded: 0, errors: [] });
    const row = (await s.rows()).get(intentId);
    expect(row?.state).toBe('CANCELED');
    expect(Number(row?.cummulative_quote_qty)).toBe(12.5);
    const events = await s.t.db
      .selectFrom('execution.order_events')
      .select(['intent_id', 'state'])
      .execute();
    expect(events).toEqual([{ intent_id: intentId, state: 'CANCELED' }]);
    // Nothing executed: no trades were read.
    expect(made('GET', '/api/v3/myTrades')).toEqual([]);
  });

  it('leaves rows changed since they were read to their writers, storing no event', async () => {
    const { intentId, orderId } = await placedRow();
    await s.sim.admin.cancelOrder(orderId);
    const racing: ReconcileVenue = {
      ...s.adapters.paper,
      allOrders: async (q) => {
        // Execution writes the row between the reconciler's read and its batch write.
        await s.t.db
          .updateTable('execution.orders')
          .set({ updated_at: new Date(Date.now() + 1) })
          .where('intent_id', '=', intentId)
          .execute();
        return s.adapters.paper.allOrders(q);
      },
    };
    const [run] = await s.reconciler(paperOnly(racing)).request({ trigger: 'operator' });
    expect(run).toMatchObject({ rowsChecked: 1, rowsChanged: {}, fillsAdded: 0, errors: [] });
    expect((await s.rows()).get(intentId)?.state).toBe('NEW');
    expect(await s.t.db.selectFrom('execution.order_events').selectAll().execute()).toEqual([]);
    expect(hasLog('rows changed since they were read; left to their writers')).toBe(true);
  });

  it('reads trades from the intent time when the row was never stamped sent, and reports events it could not publish', async () => {
    const createdAt = Date.now() - 5_000;
    const { intentId, orderId } = await placedRow({
      last_sent_at: null,
      intent_created_at: new Date(createdAt),
    });
    await s.sim.admin.fillOrder(orderId);
    const closed = await connectBus({
      url: s.nats.url,
      name: 'closed',
      logger: s.logger,
      namespace: s.nats.namespace,
    });
    await closed.close();
    const {
      result: [run],
      made,
    } = await runLogged(() =>
      s.reconciler({ bus: closed, ...paperOnly() }).request({ trigger: 'operator' }),
    );
    expect(run).toMatchObject({ rowsChanged: { 'NEW->FILLED': 1 }, fillsAdded: 1 });
    expect(run?.errors.map((e) => e.code)).toEqual(['PUBLISH_FAILED']);
    expect(run?.errors[0]?.message).toContain(`The change of intent ${intentId} is stored`);
    expect((await s.rows()).get(intentId)?.state).toBe('FILLED');
    const reads = made('GET', '/api/v3/myTrades');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.query).toContain(`startTime=${createdAt - 60_000}`);
    expect(reads[0]?.query).not.toContain('orderId=');
  });
});

describe('reconciler - one row looked up by client order id', () => {
  it('settles an adopted order that executed nothing from the lookup alone, reading no trades', async () => {
    const { intentId, orderId } = await placedRow({ state: 'UNKNOWN', exchange_order_id: null });
    await s.sim.admin.cancelOrder(orderId);
    const {
      result: [run],
      made,
    } = await runLogged(() => s.reconciler(paperOnly()).request({ trigger: 'operator' }));
    expect(run).toMatchObject({ rowsChanged: { 'UNKNOWN->CANCELED': 1 }, fillsAdded: 0 });
    const row = (await s.rows()).get(intentId);
    expect(row?.state).toBe('CANCELED');
    expect(row?.exchange_order_id).toBe(String(orderId));
    expect(made('GET', '/api/v3/order')).toHaveLength(1);
    expect(made('GET', '/api/v3/myTrades')).toEqual([]);
  });
});
