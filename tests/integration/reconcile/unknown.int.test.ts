import { clientOrderIdFor } from '@livegate/binance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReconcileStack, waitFor, type ReconcileStack } from './fixture.js';

let s: ReconcileStack;
beforeAll(async () => {
  s = await startReconcileStack();
});
afterAll(async () => {
  await s.stop();
});

const unknownRow = (intentId: string, patch = {}) => ({
  intent_id: intentId,
  client_order_id: clientOrderIdFor(intentId),
  state: 'UNKNOWN' as const,
  exchange_order_id: null,
  last_exchange_status: null,
  intent_created_at: new Date(),
  last_sent_at: new Date(),
  ...patch,
});

describe('reconcile - unresolved placements', () => {
  it('adopts an UNKNOWN order that exists, and decides NOT_PLACED (terminal) only after the window and the confirmation time, on the database clock', async () => {
    const found = await s.place('paper', { intentId: 'u-found' });
    await s.sim.admin.fillOrder(Number(found.orderId));
    await s.place('live', { intentId: 'l-found' });
    const longAgo = new Date(Date.now() - 60_000);
    // Windows long enough that the first runs finish inside them on a loaded machine (a run there has
    // taken more than 600 ms), short enough to wait out.
    const short = { recv_window_ms: 2_000, send_budget_ms: 100 };
    await s.seedRow(unknownRow('u-found'));
    await s.seedRow(unknownRow('u-missing', short));
    await s.seedRow(unknownRow('u-stale', { intent_created_at: longAgo, last_sent_at: longAgo }));
    await s.seedRow(unknownRow('u-submitting', { state: 'SUBMITTING', ...short }));
    // Never fenced: no request for it exists; execution sends it, the reconciler leaves it alone.
    await s.seedRow(unknownRow('u-unsent', { state: 'SUBMITTING', last_sent_at: null }));
    await s.seedRow(unknownRow('l-found', { mode: 'live', venue: 'live' }));
    // A host clock far off changes nothing: every window is read on the database's clock.
    const r = s.reconciler({ now: () => Date.now() - 3_600_000 });

    const [live1, paper1] = await r.request({ trigger: 'operator' });
    expect(live1).toMatchObject({
      venue: 'live',
      rowsChanged: { 'UNKNOWN->NEW': 1 },
      unresolved: 0,
    });
    expect(paper1).toMatchObject({
      venue: 'paper',
      rowsChecked: 5,
      rowsChanged: { 'UNKNOWN->FILLED': 1, 'SUBMITTING->UNKNOWN': 1 },
      fillsAdded: 1,
      unresolved: 3,
      errors: [],
    });
    let rows = await s.rows();
    expect(rows.get('u-found')).toMatchObject({
      state: 'FILLED',
      exchange_order_id: found.orderId,
      executed_qty: '0.00200000',
      last_exchange_status: 'FILLED',
    });
    expect(rows.get('u-stale')?.not_found_count).toBe(1);
    expect(rows.get('u-missing')).toMatchObject({ state: 'UNKNOWN', not_found_count: 0 });
    expect(rows.get('u-submitting')?.state).toBe('UNKNOWN');
    expect(rows.get('u-unsent')).toMatchObject({ state: 'SUBMITTING', last_sent_at: null });

    const [paper2] = await r.request({ trigger: 'operator', venue: 'paper' });
    expect(paper2).toMatchObject({ rowsChanged: { 'UNKNOWN->NOT_PLACED': 1 }, unresolved: 2 });
    rows = await s.rows();
    expect(rows.get('u-stale')).toMatchObject({ state: 'NOT_PLACED', reject_code: 'NOT_PLACED' });
    expect(rows.get('u-missing')?.state).toBe('UNKNOWN');

    // 100 + 2,000 + 200 ms after last_sent_at the lookups count; they must then agree for 300 ms.
    const sentAt = (rows.get('u-missing')?.last_sent_at as Date).getTime();
    await waitFor('the in-flight window to pass', () => Date.now() > sentAt + 2_300, {
      timeoutMs: 10_000,
    });
    const [paper3] = await r.request({ trigger: 'operator', venue: 'paper' });
    expect(paper3).toMatchObject({ rowsChanged: {}, unresolved: 2 });
    await waitFor('the confirmation time to pass', () => Date.now() > sentAt + 2_600, {
      timeoutMs: 10_000,
    });
    const [paper4] = await r.request({ trigger: 'operator', venue: 'paper' });
    expect(paper4).toMatchObject({ rowsChanged: { 'UNKNOWN->NOT_PLACED': 2 }, unresolved: 0 });
    rows = await s.rows();
    expect(rows.get('u-missing')).toMatchObject({ state: 'NOT_PLACED', reject_code: 'NOT_PLACED' });
    expect(rows.get('u-submitting')?.state).toBe('NOT_PLACED');
    expect(rows.get('u-unsent')).toMatchObject({ state: 'SUBMITTING', last_sent_at: null });

    const events = (id: string) => s.events.of(id).map((e) => [e.type, e.state]);
    await waitFor('the last event', () => s.events.of('u-missing').length === 1);
    expect(events('u-found')).toEqual([['order.submitted', 'FILLED']]);
    expect(events('u-stale')).toEqual([['order.rejected', 'NOT_PLACED']]);
    expect(events('u-submitting')).toEqual([
      ['order.unknown', 'UNKNOWN'],
      ['order.rejected', 'NOT_PLACED'],
    ]);
    const history = await s.t.db
      .selectFrom('execution.order_events')
      .select(['intent_id', 'type', 'state'])
      .orderBy('id')
      .execute();
    expect(history).toHaveLength(6);
    const fills = await s.t.db.selectFrom('execution.fills').selectAll().execute();
    expect(fills).toEqual([
      expect.objectContaining({
        intent_id: 'u-found',
        venue: 'paper',
        qty: '0.00200000',
        price: '50000.00000000',
      }),
    ]);
    const audits = await s.t.db.selectFrom('audit.log').selectAll().execute();
    expect(audits.map((a) => [a.kind, a.actor, a.subject, a.details.from, a.details.to])).toEqual([
      ['reconcile.order_changed', 'reconciler', 'l-found', 'UNKNOWN', 'NEW'],
    ]);
    const gate = await s.t.db
      .selectFrom('arming.reconcile_gate')
      .selectAll()
      .orderBy('venue')
      .execute();
    expect(gate.map((g) => [g.venue, g.in_progress, g.unresolved, g.last_run_id])).toEqual([
      ['live', false, 0, live1?.runId],
      ['paper', false, 0, paper4?.runId],
    ]);
  });
});
