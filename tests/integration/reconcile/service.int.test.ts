import { clientOrderIdFor } from '@livegate/binance';
import { connectBus } from '@livegate/bus';
import { reconcileRequestSchema } from '@livegate/contracts';
import { createDb } from '@livegate/db';
import type { ReconcileVenue } from '@livegate/reconciler';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startReconcileStack, waitFor, type ReconcileStack } from './fixture.js';

let s: ReconcileStack;
let seq = 0;
beforeAll(async () => {
  s = await startReconcileStack();
});
afterAll(async () => {
  await s.stop();
});
beforeEach(async () => {
  for (const account of ['paper', 'live'] as const) {
    const r = await s.adapters[account].openOrders();
    if (r.kind !== 'ok') throw new Error(r.message);
    for (const o of r.value) await s.sim.admin.cancelOrder(Number(o.orderId));
  }
  await s.t.db.deleteFrom('execution.fills').execute();
  await s.t.db.deleteFrom('execution.order_events').execute();
  await s.t.db.deleteFrom('execution.orders').execute();
});

async function restingRow(patch: { mode?: 'paper' | 'live' } & Record<string, unknown> = {}) {
  seq += 1;
  const intentId = `s-${seq}`;
  const account = patch.mode ?? 'paper';
  const order = await s.place(account, { intentId });
  await s.seedRow({
    intent_id: intentId,
    client_order_id: clientOrderIdFor(intentId),
    exchange_order_id: order.orderId,
    ...patch,
  });
  return { intentId, orderId: Number(order.orderId) };
}

const hasLog = (msg: string) => () => s.logLines.some((l) => l.includes(`"msg":"${msg}"`));
const FAST = { initialMs: 20, maxMs: 50 };
const failedStartups = () =>
  s.logLines.filter((l) => l.includes('the start-up reconcile run failed')).length;
const paperOnly = (venue: ReconcileVenue = s.adapters.paper) => ({ venues: { paper: venue } });

describe('reconciler service - triggers', () => {
  it('answers reconcile.request per venue or for all, runs on its timer, and ignores invalid requests', async () => {
    const r = s.reconciler({ intervalMs: 150 });
    await r.start();
    const ask = (requestId: string, venue?: 'paper' | 'live') =>
      s.bus.publish(
        s.bus.subjects.reconcileRequest,
        reconcileRequestSchema,
        { requestId, trigger: 'operator', at: new Date().toISOString(), ...(venue && { venue }) },
        { msgId: requestId },
      );
    await ask('req-paper', 'paper');
    await ask('req-all');
    const paper = await s.completed.waitFor((c) => c.requestId === 'req-paper');
    expect(paper).toMatchObject({ venue: 'paper', trigger: 'operator' });
    await s.completed.waitFor((c) => c.requestId === 'req-all' && c.venue === 'live');
    await s.completed.waitFor((c) => c.requestId === undefined && c.trigger === 'interval');
    expect(
      s.completed.items.filter((c) => c.requestId === 'req-paper').map((c) => c.venue),
    ).toEqual(['paper']);
    await s.bus.publish(s.bus.subjects.reconcileRequest, z.unknown(), { trigger: 'sometime' });
    await waitFor('the invalid request to be logged', hasLog('invalid reconcile.request ignored'));
    await r.stop();
  });

  it('logs a run that cannot run at all (database down), retries the start-up run and keeps answering until stopped', async () => {
    const broken = createDb({ url: 'postgres://postgres@127.0.0.1:1/none', connectTimeoutMs: 500 });
    try {
      const r = s.reconciler({
        db: broken,
        intervalMs: 100,
        durable: 'broken',
        startupRetry: FAST,
      });
      const started = r.start();
      started.catch(() => {});
      await waitFor('the start-up run to be tried again', () => failedStartups() >= 2);
      await waitFor(
        'a failed timer run to be logged',
        () => s.logLines.filter((l) => l.includes('reconcile run could not run')).length >= 3,
      );
      await r.stop();
      await expect(started).rejects.toThrow(/stopped before the start-up reconcile run completed/);
    } finally {
      await broken.destroy();
    }
  });

  it('a start-up run the database refuses is tried again until it completes (the process does not exit)', async () => {
    const before = failedStartups();
    await sql`revoke insert, update on arming.reconcile_gate from livegate_reconciler`.execute(
      s.t.db,
    );
    let granted = false;
    const grant = async () => {
      if (granted) return;
      granted = true;
      await sql`grant insert, update on arming.reconcile_gate to livegate_reconciler`.execute(
        s.t.db,
      );
    };
    try {
      // The default wait (500 ms, less up to a fifth) before the second try.
      const r = s.reconciler({ ...paperOnly(), durable: 'refused' });
      const started = r.start();
      await waitFor('a refused start-up run', () => failedStartups() >= before + 1);
      await grant();
      const [report] = await started;
      expect(report).toMatchObject({ venue: 'paper', trigger: 'startup', errors: [] });
      await r.stop();
    } finally {
      await grant();
    }
  });
});

describe('reconciler service - fills', () => {
  it('reads every trade of an order page by page and stores each once', async () => {
    const { intentId, orderId } = await restingRow();
    for (let i = 0; i < 3; i += 1) await s.sim.admin.fillOrder(orderId, { qty: '0.0005' });
    const r = s.reconciler({ ...paperOnly(), tradesPageSize: 2 });
    const [partial] = await r.request({ trigger: 'operator' });
    expect(partial).toMatchObject({ rowsChanged: { 'NEW->PARTIALLY_FILLED': 1 }, fillsAdded: 3 });
    await s.sim.admin.fillOrder(orderId);
    const [filled] = await r.request({ trigger: 'operator' });
    expect(filled).toMatchObject({ rowsChanged: { 'PARTIALLY_FILLED->FILLED': 1 }, fillsAdded: 1 });
    const fills = await s.t.db
      .selectFrom('execution.fills')
      .select('qty')
      .where('intent_id', '=', intentId)
      .execute();
    expect(fills.map((f) => f.qty)).toEqual([
      '0.00050000',
      '0.00050000',
      '0.00050000',
      '0.00050000',
    ]);
    const updated = s.events.of(intentId).filter((e) => e.type === 'order.updated');
    await waitFor('both events', () => s.events.of(intentId).length === 2);
    expect(
      s.events.of(intentId).map((e) => (e.type === 'order.updated' ? e.fills?.length : -1)),
    ).toEqual([3, 1]);
    expect(updated.length).toBeLessThanOrEqual(2);
  });

  it('leaves a row whose trades do not add up yet (read lag), or cannot be read, for the next run', async () => {
    const { intentId, orderId } = await restingRow();
    await s.sim.admin.fillOrder(orderId, { qty: '0.001' });
    const lagging: ReconcileVenue = {
      ...s.adapters.paper,
      myTrades: async (q) => {
        const r = await s.adapters.paper.myTrades(q);
        return r.kind === 'ok' ? { kind: 'ok', value: [] } : r;
      },
    };
    const [run] = await s.reconciler(paperOnly(lagging)).request({ trigger: 'operator' });
    expect(run).toMatchObject({ rowsChanged: {}, fillsAdded: 0, unresolved: 1 });
    expect(run?.errors.map((e) => e.code)).toEqual(['FILLS_INCOMPLETE']);
    const refusing: ReconcileVenue = {
      ...s.adapters.paper,
      myTrades: async () => ({
        kind: 'rejected',
        source: 'venue',
        code: -1100,
        message: 'Illegal characters.',
      }),
    };
    const [refused] = await s.reconciler(paperOnly(refusing)).request({ trigger: 'operator' });
    expect(refused).toMatchObject({ rowsChanged: {}, fillsAdded: 0, unresolved: 1 });
    expect(refused?.errors.map((e) => e.code)).toEqual(['VENUE_REJECTED']);
    expect((await s.row(intentId))?.state).toBe('NEW');
  });
});

describe('reconciler service - concurrency with execution', () => {
  it('never looks up a row an execution instance holds, and never overwrites a row changed since it was read', async () => {
    const held = await restingRow({
      state: 'UNKNOWN',
      lease_holder: 'exec-1',
      lease_expires_at: new Date(Date.now() + 3_600_000),
    });
    await s.sim.admin.fillOrder(held.orderId);
    const resting = await restingRow();
    await s.sim.admin.fillOrder(resting.orderId);
    const adopted = await restingRow({ state: 'UNKNOWN', exchange_order_id: null });
    await s.sim.admin.fillOrder(adopted.orderId);
    await s.seedRow({
      intent_id: 'lost',
      state: 'SUBMITTING',
      client_order_id: clientOrderIdFor('lost'),
      last_sent_at: new Date(),
    });
    const racing: ReconcileVenue = {
      ...s.adapters.paper,
      getOrder: async (ref) => {
        // Execution writes the row between the reconciler's read and its write.
        await s.t.db
          .updateTable('execution.orders')
          .set({ updated_at: new Date(Date.now() + 1) })
          .where('client_order_id', '=', ref.clientOrderId)
          .execute();
        return s.adapters.paper.getOrder(ref);
      },
    };
    const [run] = await s.reconciler(paperOnly(racing)).request({ trigger: 'operator' });
    expect(run).toMatchObject({
      rowsChecked: 4,
      rowsChanged: {},
      fillsAdded: 0,
      unresolved: 3,
      errors: [],
    });
    const rows = await s.rows();
    expect(rows.get(held.intentId)?.state).toBe('UNKNOWN');
    expect(rows.get(resting.intentId)?.state).toBe('NEW');
    expect(rows.get(adopted.intentId)?.state).toBe('UNKNOWN');
    expect(rows.get('lost')?.state).toBe('SUBMITTING');
    const lookups = await s.sim.admin.requests({ apiKey: s.paper.apiKey });
    const heldId = clientOrderIdFor(held.intentId);
    expect(lookups.filter((q) => q.method === 'GET' && q.query.includes(heldId))).toEqual([]);
    expect(
      lookups.filter((q) => q.method === 'GET' && q.query.includes(clientOrderIdFor('lost'))),
    ).toHaveLength(1);
  });
});

describe('reconciler service - external orders', () => {
  it('cancels external orders with EXTERNAL_ORDERS=cancel, auditing live ones', async () => {
    const live = await s.place('live', { clientOrderId: 'ext-live' });
    const paper = await s.place('paper', { clientOrderId: 'ext-paper' });
    const gone = await s.place('paper', { clientOrderId: 'ext-gone', price: '45000.00' });
    const stuck = await s.place('paper', { clientOrderId: 'ext-stuck', price: '44000.00' });
    const paperVenue: ReconcileVenue = {
      ...s.adapters.paper,
      cancelOrder: async (ref) => {
        if (ref.clientOrderId === 'ext-stuck') {
          return {
            kind: 'rejected',
            source: 'venue',
            code: -2011,
            message: 'Order was not canceled due to cancel restrictions.',
          };
        }
        if (ref.clientOrderId === 'ext-gone') await s.sim.admin.fillOrder(Number(gone.orderId));
        return s.adapters.paper.cancelOrder(ref);
      },
    };
    const r = s.reconciler({
      venues: { paper: paperVenue, live: s.adapters.live },
      rules: { externalOrders: 'cancel' },
    });
    const [liveRun, paperRun] = await r.start();
    expect(liveRun).toMatchObject({ externalOrders: 1, errors: [] });
    expect(paperRun).toMatchObject({ externalOrders: 3 });
    expect(paperRun?.errors).toEqual([
      {
        code: 'CANCEL_FAILED',
        message: `External order ${stuck.orderId} on BTCUSDT could not be cancelled (-2011: Order was not canceled due to cancel restrictions.).`,
      },
    ]);
    const sim = [...(await s.simOrders('live')), ...(await s.simOrders('paper'))];
    const status = (o: { orderId: string }) =>
      sim.find((x) => String(x.orderId) === o.orderId)?.status;
    expect([live, paper, gone, stuck].map(status)).toEqual([
      'CANCELED',
      'CANCELED',
      'FILLED',
      'NEW',
    ]);
    const listed = await s.t.db
      .selectFrom('reconcile.external_orders')
      .select(['venue', 'client_order_id', 'status', 'action'])
      .where('client_order_id', 'like', 'ext-%')
      .orderBy('client_order_id')
      .execute();
    expect(listed).toEqual([
      { venue: 'paper', client_order_id: 'ext-gone', status: 'NEW', action: 'report' },
      { venue: 'live', client_order_id: 'ext-live', status: 'CANCELED', action: 'cancelled' },
      { venue: 'paper', client_order_id: 'ext-paper', status: 'CANCELED', action: 'cancelled' },
      { venue: 'paper', client_order_id: 'ext-stuck', status: 'NEW', action: 'report' },
    ]);
    const audits = await s.t.db
      .selectFrom('audit.log')
      .select(['kind', 'subject'])
      .where('kind', '=', 'reconcile.external_cancelled')
      .execute();
    expect(audits).toEqual([
      { kind: 'reconcile.external_cancelled', subject: `BTCUSDT:${live.orderId}` },
    ]);
  });
});

describe('reconciler service - failures inside a run', () => {
  it('reports events it could not publish (the change stays stored), and an unexpected failure', async () => {
    const { intentId, orderId } = await restingRow({ mode: 'live', venue: 'live' });
    await s.sim.admin.fillOrder(orderId);
    const ext = await s.place('live', { clientOrderId: 'ext-unpublished' });
    const closed = await connectBus({
      url: s.nats.url,
      name: 'closed',
      logger: s.logger,
      namespace: s.nats.namespace,
    });
    await closed.close();
    const liveVenue = s.adapters.live;
    const [run] = await s
      .reconciler({ bus: closed, venues: { live: liveVenue }, rules: { externalOrders: 'cancel' } })
      .request({ trigger: 'startup', allSymbols: true });
    expect(run).toMatchObject({ rowsChanged: { 'NEW->FILLED': 1 }, externalOrders: 1 });
    // The order event could not go out; the audit rows (the external cancel's too) wait in the outbox.
    expect(run?.errors.map((e) => e.code)).toEqual(['PUBLISH_FAILED']);
    expect(run?.errors[0]?.message).toContain(`The change of intent ${intentId} is stored`);
    const queued = await s.t.db
      .selectFrom('outbox.messages as o')
      .innerJoin('audit.log as a', 'a.id', 'o.audit_id')
      .select(['a.kind', 'a.subject'])
      .where('a.kind', '=', 'reconcile.external_cancelled')
      .where('a.subject', '=', `${ext.symbol}:${ext.orderId}`)
      .execute();
    expect(queued).toEqual([
      { kind: 'reconcile.external_cancelled', subject: `${ext.symbol}:${ext.orderId}` },
    ]);
    expect((await s.row(intentId))?.state).toBe('FILLED');
    expect(hasLog('the run report could not be stored or published')()).toBe(true);

    const exploding: ReconcileVenue = {
      ...liveVenue,
      openOrders: async () => {
        throw new Error('boom\nstack');
      },
    };
    const [failed] = await s
      .reconciler({ venues: { live: exploding } })
      .request({ trigger: 'startup', allSymbols: true });
    expect(failed?.errors).toEqual([{ code: 'INTERNAL', message: 'boom' }]);
  });
});
