import { clientOrderIdFor } from '@livegate/binance';
import { intentFingerprint, type OrderIntent } from '@livegate/contracts';
import type { NewExecutionOrder } from '@livegate/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

const ORDER = '/api/v3/order';
let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution({
    venueTimeoutMs: 3_000,
    recvWindowMs: 1_500,
    settings: { clockMarginMs: 200 },
  });
});
afterAll(async () => {
  await s.stop();
});

const ordersFor = async (clientOrderId: string) =>
  (await s.simOrders('paper')).filter((o) => o.clientOrderId === clientOrderId);
const postsSeen = async () =>
  (await s.sim.admin.requests({ apiKey: s.paper.apiKey })).filter(
    (r) => r.method === 'POST' && r.path === ORDER,
  ).length;

/** A row as another instance (or the reconciler) left it. */
async function insertRow(i: OrderIntent, patch: Partial<NewExecutionOrder>): Promise<void> {
  await s.t.db
    .insertInto('execution.orders')
    .values({
      intent_id: i.intentId,
      fingerprint: intentFingerprint(i),
      client_order_id: clientOrderIdFor(i.intentId),
      mode: i.mode,
      venue: i.mode,
      source: i.source,
      symbol: i.symbol,
      side: i.side,
      type: i.type,
      quantity: i.quantity ?? null,
      quote_order_qty: null,
      price: i.price ?? null,
      time_in_force: i.timeInForce ?? null,
      intent_created_at: new Date(i.createdAt),
      intent_expires_at: i.expiresAt === undefined ? null : new Date(i.expiresAt),
      state: 'SUBMITTING',
      exchange_order_id: null,
      avg_price: null,
      last_exchange_status: null,
      reject_code: null,
      reject_message: null,
      live_session_id: null,
      last_sent_at: null,
      recv_window_ms: 1_500,
      lease_holder: null,
      lease_expires_at: null,
      ...patch,
    })
    .execute();
}

describe('execution - leases', () => {
  it('a second message for an intent this process is working waits, then gets the stored outcome', async () => {
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: ORDER,
      method: 'POST',
      count: 1,
      delayMs: 1_000,
    });
    const i = intent();
    const before = await postsSeen();
    await s.publish(i, `${i.intentId}-1`);
    await waitFor('the placement to reach the venue', async () => (await postsSeen()) > before);
    await s.publish(i, `${i.intentId}-2`);
    await waitFor('the second message to find the intent in work', () =>
      s.logLines.some((l) => l.includes(i.intentId) && l.includes('intent already in work here')),
    );
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
    await waitFor('the republished outcome', () =>
      s.events.of(i.intentId).some((e) => e.type === 'order.updated'),
    );
    expect(await ordersFor(row.client_order_id)).toHaveLength(1);
  });

  it('an outcome is not written once another instance holds the lease; that instance looks the order up', async () => {
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: ORDER,
      method: 'POST',
      count: 1,
      delayMs: 500,
    });
    const i = intent();
    const before = await postsSeen();
    await s.publish(i);
    await waitFor('the placement to reach the venue', async () => (await postsSeen()) > before);
    await s.t.db
      .updateTable('execution.orders')
      .set({ lease_holder: 'thief', lease_expires_at: new Date(Date.now() + 60_000) })
      .where('intent_id', '=', i.intentId)
      .execute();
    await waitFor('the lost lease to be noticed', () =>
      s.logLines.some((l) => l.includes(`the lease on intent ${i.intentId} was lost`)),
    );
    await waitFor('the redelivery to find the row leased elsewhere', () =>
      s.logLines.some(
        (l) => l.includes(i.intentId) && l.includes('row leased by another instance'),
      ),
    );
    expect(await s.row(i.intentId)).toMatchObject({
      state: 'SUBMITTING',
      lease_holder: 'thief',
      exchange_order_id: null,
    });

    // The thief's lease runs out: the next redelivery takes over, looks up, and finds the order.
    await s.t.db
      .updateTable('execution.orders')
      .set({ lease_expires_at: new Date(Date.now() - 1_000) })
      .where('intent_id', '=', i.intentId)
      .execute();
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
    expect(row.lease_holder).toBeNull();
    expect(await ordersFor(row.client_order_id)).toHaveLength(1);
  });

  it('takes over the SUBMITTING row of an instance that died before its fenced step: sends it once', async () => {
    const i = intent();
    const now = Date.now();
    await insertRow(i, {
      state: 'SUBMITTING',
      attempts: 0,
      last_sent_at: null,
      lease_holder: 'dead-instance',
      lease_expires_at: new Date(now - 1),
    });
    await s.publish(i, `${i.intentId}-redelivered`);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
    expect(row).toMatchObject({ attempts: 1, fence_version: null });
    expect(await ordersFor(row.client_order_id)).toHaveLength(1);
    expect((await s.events.until(i.intentId, 'order.submitted')).map((e) => e.type)).toEqual([
      'order.submitted',
    ]);
  });

  it('takes over a row whose fenced step committed before its instance died: looks it up only, never sends', async () => {
    const i = intent();
    const now = Date.now();
    await insertRow(i, {
      state: 'SUBMITTING',
      attempts: 1,
      last_sent_at: new Date(now - 10),
      send_budget_ms: 100,
      lease_holder: 'dead-instance',
      lease_expires_at: new Date(now - 1),
    });
    const before = await postsSeen();
    await s.publish(i, `${i.intentId}-redelivered`);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NOT_PLACED');
    expect(row).toMatchObject({ attempts: 1, reject_code: 'NOT_PLACED', lease_holder: null });
    expect(await ordersFor(row.client_order_id)).toEqual([]);
    expect(await postsSeen()).toBe(before);
    expect((await s.events.until(i.intentId, 'order.rejected')).map((e) => e.type)).toEqual([
      'order.unknown',
      'order.rejected',
    ]);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from execution.order_events where intent_id = ${i.intentId}`.execute(
      s.t.db,
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('never sends a NOT_PLACED row again: a new message gets the stored outcome', async () => {
    const i = intent();
    await insertRow(i, {
      state: 'NOT_PLACED',
      attempts: 1,
      reject_code: 'NOT_PLACED',
      reject_message: 'not placed',
      last_sent_at: new Date(Date.now() - 60_000),
    });
    const before = await postsSeen();
    await s.publish(i, `${i.intentId}-again`);
    const [event] = await s.events.until(i.intentId, 'order.rejected');
    expect(event).toMatchObject({ state: 'NOT_PLACED', code: 'NOT_PLACED' });
    expect(await s.row(i.intentId)).toMatchObject({ state: 'NOT_PLACED', attempts: 1 });
    expect(await postsSeen()).toBe(before);
  });
});
