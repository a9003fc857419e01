import { cancelMsgId, orderCancelSchema } from '@livegate/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { intent, marketBuy, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterEach(async () => {
  for (const svc of s.services.splice(0)) await svc.stop();
  await s.sim.admin.clearFaults();
  await s.setMode('PAPER');
});
afterAll(async () => {
  await s.stop();
});

const cancel: Stack['cancel'] = (body, options) => s.cancel(body, options);

const cancelRow = (cancelId: string) =>
  s.t.db
    .selectFrom('execution.order_cancels')
    .selectAll()
    .where('cancel_id', '=', cancelId)
    .executeTakeFirst();

const cancelDone = (cancelId: string) =>
  waitFor(`cancel ${cancelId} resolved`, async () => {
    const row = await cancelRow(cancelId);
    return row?.outcome != null ? row : undefined;
  });

/** DELETE /api/v3/order requests that reached the simulator for an account. */
async function venueCancels(account: 'paper' | 'live') {
  const all = await s.sim.admin.requests({
    apiKey: (account === 'paper' ? s.paper : s.live).apiKey,
  });
  return all.filter((r) => r.path === '/api/v3/order' && r.method === 'DELETE').length;
}

async function resting(patch = {}) {
  const i = intent(patch);
  await s.publish(i);
  await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
  return i;
}

const types = (intentId: string) => s.events.of(intentId).map((e) => `${e.type}:${e.state}`);

describe('cancel - a strategy cancels its own order on the bus', () => {
  it('cancels a resting paper order: PENDING_CANCEL then CANCELED, once at the venue', async () => {
    await s.startExecution();
    const i = await resting();
    const before = await venueCancels('paper');
    const { msg, sent } = cancel({ intentId: i.intentId });
    await sent;
    await s.events.until(i.intentId, 'order.canceled');
    expect(types(i.intentId).slice(-2)).toEqual([
      'order.updated:PENDING_CANCEL',
      'order.canceled:CANCELED',
    ]);
    expect(await cancelDone(msg.cancelId)).toMatchObject({
      outcome: 'CANCELED',
      final_state: 'CANCELED',
    });
    expect(await s.row(i.intentId)).toMatchObject({ state: 'CANCELED' });
    expect(await venueCancels('paper')).toBe(before + 1);
    const cid = (await s.row(i.intentId))?.client_order_id;
    const [order] = (await s.simOrders('paper')).filter((o) => o.clientOrderId === cid);
    expect(order?.status).toBe('CANCELED');
  });

  it('absorbs a replayed cancel (another message id): one venue cancel, one outcome', async () => {
    await s.startExecution();
    const i = await resting();
    const before = await venueCancels('paper');
    const first = cancel({ intentId: i.intentId });
    await first.sent;
    await cancelDone(first.msg.cancelId);
    const dup = await s.bus.publish(
      s.bus.subjects.orderCancel('test'),
      orderCancelSchema,
      first.msg,
      { msgId: cancelMsgId(first.msg) },
    );
    expect(dup.duplicate).toBe(true);
    // A replay past JetStream's dedup (another message id): Postgres is the authority.
    await s.bus.publish(s.bus.subjects.orderCancel('test'), orderCancelSchema, first.msg, {
      msgId: `${cancelMsgId(first.msg)}:replay`,
    });
    const marker = cancel({ intentId: 'no-such-intent' });
    await marker.sent;
    await cancelDone(marker.msg.cancelId);
    expect(await venueCancels('paper')).toBe(before + 1);
    expect(s.events.of(i.intentId).filter((e) => e.type === 'order.canceled')).toHaveLength(1);
    expect(s.events.of(i.intentId).filter((e) => e.state === 'PENDING_CANCEL')).toHaveLength(1);
  });

  it('two instances, one cancel delivered twice at once: one venue cancel, one outcome', async () => {
    await s.startExecution();
    await s.startExecution();
    const i = await resting();
    const before = await venueCancels('paper');
    // The venue answers the cancel slowly, so both copies are in work at the same time.
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/order',
      method: 'DELETE',
      delayMs: 500,
      count: 2,
    });
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    await s.bus.publish(s.bus.subjects.orderCancel('test'), orderCancelSchema, c.msg, {
      msgId: `${cancelMsgId(c.msg)}:again`,
    });
    await cancelDone(c.msg.cancelId);
    await s.events.until(i.intentId, 'order.canceled');
    const marker = cancel({ intentId: 'no-such-intent-2' });
    await marker.sent;
    await cancelDone(marker.msg.cancelId);
    expect(await venueCancels('paper')).toBe(before + 1);
    expect(s.events.of(i.intentId).filter((e) => e.type === 'order.canceled')).toHaveLength(1);
  });

  it('one instance, one cancel delivered twice at once: one venue cancel', async () => {
    await s.startExecution();
    const i = await resting();
    const before = await venueCancels('paper');
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/order',
      method: 'DELETE',
      delayMs: 500,
      count: 2,
    });
    const c = cancel({ intentId: i.intentId, reason: 'Strategy stopped.' });
    await c.sent;
    await s.bus.publish(s.bus.subjects.orderCancel('test'), orderCancelSchema, c.msg, {
      msgId: `${cancelMsgId(c.msg)}:again`,
    });
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({ reason: 'Strategy stopped.' });
    const marker = cancel({ intentId: 'no-such-intent-3' });
    await marker.sent;
    await cancelDone(marker.msg.cancelId);
    expect(await venueCancels('paper')).toBe(before + 1);
  });

  it('answers NOT_RESOLVED when the placement stays unresolved past the bounded wait', async () => {
    await s.startExecution({ timing: { cancelWaitMs: 200 } });
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/order',
      method: 'POST',
      delayMs: 1_500,
      count: 1,
    });
    const i = intent();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'SUBMITTING' && r.last_sent_at !== null);
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({
      outcome: 'NOT_RESOLVED',
      final_state: 'SUBMITTING',
    });
    await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
  });

  it('waits out a short Retry-After (a 429 on the cancel) once and cancels, never calling through it', async () => {
    await s.startExecution();
    const i = await resting();
    const deletes = async () =>
      (await s.sim.admin.requests()).filter(
        (r) => r.method === 'DELETE' && r.path === '/api/v3/order',
      ).length;
    const before = await deletes();
    await s.sim.admin.injectFault({
      kind: 'rate-limit',
      path: '/api/v3/order',
      method: 'DELETE',
      count: 1,
      delayMs: 1_000,
    });
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({ outcome: 'CANCELED' });
    expect(s.logLines.some((l) => l.includes('waiting out the venue Retry-After'))).toBe(true);
    // The refused call, then the one that cancelled: nothing went to the venue while it said stop.
    expect((await deletes()) - before).toBe(2);
  });

  it('answers VENUE_FAILED when the venue does not answer the cancel; the row stays PENDING_CANCEL', async () => {
    await s.startExecution();
    const i = await resting();
    await s.sim.admin.injectFault({
      kind: '5xx-before-accept',
      path: '/api/v3/order',
      method: 'DELETE',
      body: 'json',
      count: 1,
    });
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({
      outcome: 'VENUE_FAILED',
      final_state: 'PENDING_CANCEL',
    });
    expect(await s.row(i.intentId)).toMatchObject({ state: 'PENDING_CANCEL' });
    // Cancelling again retries.
    const again = cancel({ intentId: i.intentId });
    await again.sent;
    expect(await cancelDone(again.msg.cancelId)).toMatchObject({ outcome: 'CANCELED' });
  });

  it('drops a cancel message that fails the schema', async () => {
    await s.startExecution();
    await s.bus.nc.publish(s.bus.subjects.orderCancel('test'), JSON.stringify({ cancelId: 'x' }));
    const marker = cancel({ intentId: 'no-such-intent-4' });
    await marker.sent;
    await cancelDone(marker.msg.cancelId);
    await waitFor('the invalid cancel logged', () =>
      s.logLines.some((l) => l.includes('invalid cancel message dropped')),
    );
  });

  it('waits for a placement delayed at the venue, then cancels it', async () => {
    await s.startExecution();
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/order',
      method: 'POST',
      delayMs: 800,
      count: 1,
    });
    const i = intent();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'SUBMITTING' && r.last_sent_at !== null);
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({ outcome: 'CANCELED' });
    const seen = types(i.intentId);
    expect(seen.indexOf('order.updated:PENDING_CANCEL')).toBeGreaterThan(
      seen.indexOf('order.submitted:NEW'),
    );
    expect(seen.at(-1)).toBe('order.canceled:CANCELED');
  });

  it('answers FILLED when the order filled while the cancel was on its way', async () => {
    await s.startExecution();
    const i = await resting();
    const row = await s.row(i.intentId);
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/order',
      method: 'DELETE',
      delayMs: 1_000,
      count: 1,
    });
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    await s.rowWhen(i.intentId, (r) => r.state === 'PENDING_CANCEL');
    await s.sim.admin.fillOrder(Number(row!.exchange_order_id));
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({
      outcome: 'FINAL',
      final_state: 'FILLED',
    });
    expect(await s.row(i.intentId)).toMatchObject({ state: 'FILLED' });
    expect(types(i.intentId).slice(-2)).toEqual([
      'order.updated:PENDING_CANCEL',
      'order.updated:FILLED',
    ]);
  });

  it('answers a finished order with its final state and sends nothing', async () => {
    await s.startExecution();
    const i = marketBuy();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'FILLED');
    const before = await venueCancels('paper');
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({
      outcome: 'FINAL',
      final_state: 'FILLED',
    });
    expect(await venueCancels('paper')).toBe(before);
  });

  it('refuses an unknown intent and a body naming another source, with typed outcomes', async () => {
    await s.startExecution();
    const unknown = cancel({ intentId: 'never-sent' });
    await unknown.sent;
    expect(await cancelDone(unknown.msg.cancelId)).toMatchObject({
      outcome: 'UNKNOWN_INTENT',
      message: expect.stringMatching(/no order of source "test" has intentId never-sent/),
    });
    const theirs = await resting({ source: 'other' });
    const forged = cancel(
      { intentId: theirs.intentId, source: 'other' },
      { subjectSource: 'test' },
    );
    await forged.sent;
    const marker = cancel({ intentId: 'never-sent-2' });
    await marker.sent;
    await cancelDone(marker.msg.cancelId);
    expect(await cancelRow(forged.msg.cancelId)).toMatchObject({
      source: 'test',
      outcome: 'SOURCE_MISMATCH',
    });
    expect(await s.row(theirs.intentId)).toMatchObject({ state: 'NEW' });
  });

  it('cancels a LIVE order too', async () => {
    await s.setMode('LIVE');
    await s.startExecution();
    const i = await resting({ mode: 'live' });
    const before = await venueCancels('live');
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({ outcome: 'CANCELED' });
    expect(await venueCancels('live')).toBe(before + 1);
  });

  it('cancels a LIVE order while the live gate is closed and while HALTED (a cancel places nothing)', async () => {
    await s.setMode('LIVE');
    const first = await s.startExecution();
    const i = await resting({ mode: 'live' });
    await first.stop();
    s.services.splice(0);
    // A fresh instance whose live intake stays closed (no clean reconcile since it started).
    const gated = await s.startExecution({ settings: { requireReconcile: true } });
    expect(gated.liveIntakeOpen()).toBe(false);
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect(await cancelDone(c.msg.cancelId)).toMatchObject({ outcome: 'CANCELED' });
    await s.setMode('HALTED');
    const p = await resting();
    const halted = cancel({ intentId: p.intentId });
    await halted.sent;
    expect(await cancelDone(halted.msg.cancelId)).toMatchObject({ outcome: 'CANCELED' });
  });
});
