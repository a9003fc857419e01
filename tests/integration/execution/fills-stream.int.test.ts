import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
  // Two instances, each consuming the user data streams: every report is applied twice.
  await s.startExecution({ userStream: true });
  await s.startExecution({ userStream: true });
  await waitFor('both user streams subscribed', async () => {
    const ws = await s.sim.admin.websockets();
    return ws.userSubscriptions >= 4;
  });
});
afterAll(async () => {
  await s.stop();
});

/** A resting LIMIT order placed through execution; resolves once it rests (NEW) with its venue id. */
async function resting(quantity = '0.001') {
  const i = intent({ quantity });
  await s.publish(i);
  const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
  return { intentId: i.intentId, orderId: Number(row.exchange_order_id) };
}

async function fillsOf(intentId: string) {
  return s.t.db
    .selectFrom('execution.fills')
    .selectAll()
    .where('intent_id', '=', intentId)
    .orderBy('trade_id')
    .execute();
}

async function storedEvents(intentId: string) {
  const { rows } = await sql<{ type: string; state: string }>`
    select type, state from execution.order_events where intent_id = ${intentId} order by at, id`.execute(
    s.t.db,
  );
  return rows;
}

describe('execution - fills in real time from the user data stream', () => {
  it('a resting LIMIT order filled at the venue: the row and an order.updated event show it', async () => {
    const { intentId, orderId } = await resting();
    await s.sim.admin.fillOrder(orderId);
    const events = await waitFor(
      'order.updated FILLED',
      () => s.events.of(intentId).some((e) => e.state === 'FILLED') && s.events.of(intentId),
      { timeoutMs: 5_000, everyMs: 5 },
    );
    const filled = events.filter((e) => e.state === 'FILLED');
    // Two feeds applied the report; one changed the row, so one event, carrying the one trade.
    expect(filled).toHaveLength(1);
    expect(filled[0]).toMatchObject({
      type: 'order.updated',
      executedQty: '0.00100000',
      fills: [{ qty: '0.00100000', price: '50000.00000000' }],
    });
    const row = await s.row(intentId);
    expect(row).toMatchObject({ state: 'FILLED', last_exchange_status: 'FILLED' });
    expect(await fillsOf(intentId)).toHaveLength(1);
  });

  it('partial fills: each trade stored once, the row moves PARTIALLY_FILLED then FILLED', async () => {
    const { intentId, orderId } = await resting('0.003');
    await s.sim.admin.fillOrder(orderId, { qty: '0.001' });
    await waitFor(
      'PARTIALLY_FILLED event',
      () => s.events.of(intentId).some((e) => e.state === 'PARTIALLY_FILLED'),
      { timeoutMs: 5_000, everyMs: 5 },
    );
    expect(await s.row(intentId)).toMatchObject({
      state: 'PARTIALLY_FILLED',
      executed_qty: '0.00100000',
    });
    await s.sim.admin.fillOrder(orderId, { qty: '0.001' });
    await s.sim.admin.fillOrder(orderId);
    await waitFor('FILLED event', () => s.events.of(intentId).some((e) => e.state === 'FILLED'), {
      timeoutMs: 5_000,
      everyMs: 5,
    });
    const fills = await fillsOf(intentId);
    expect(fills.map((f) => f.qty)).toEqual(['0.00100000', '0.00100000', '0.00100000']);
    const updates = s.events.of(intentId).filter((e) => e.type === 'order.updated');
    expect(updates.map((e) => e.state)).toEqual(['PARTIALLY_FILLED', 'PARTIALLY_FILLED', 'FILLED']);
    expect(await s.row(intentId)).toMatchObject({ state: 'FILLED', executed_qty: '0.00300000' });
  });

  it('a cancel and an expiry at the venue are reported (order.canceled, EXPIRED)', async () => {
    const a = await resting();
    const b = await resting();
    await s.sim.admin.cancelOrder(a.orderId);
    await s.sim.admin.expireOrder(b.orderId);
    await s.events.until(a.intentId, 'order.canceled');
    await waitFor(
      'EXPIRED event',
      () => s.events.of(b.intentId).some((e) => e.state === 'EXPIRED'),
      { timeoutMs: 5_000, everyMs: 5 },
    );
    expect(await s.row(a.intentId)).toMatchObject({ state: 'CANCELED' });
    expect(await s.row(b.intentId)).toMatchObject({ state: 'EXPIRED' });
    expect(
      (await storedEvents(a.intentId)).filter((e) => e.type === 'order.canceled'),
    ).toHaveLength(1);
  });

  it('the stream dropped during a fill: the resync after the reconnect finds it', async () => {
    const { intentId, orderId } = await resting();
    // The fill's user-data events are lost (executionReport, outboundAccountPosition), then the
    // connection drops: the client reconnects and signals the gap.
    await s.sim.admin.skipUserEvents({ count: 2 });
    await s.sim.admin.fillOrder(orderId);
    expect(await s.row(intentId)).toMatchObject({ state: 'NEW' });
    await s.sim.admin.dropWebsockets();
    const row = await s.rowWhen(intentId, (r) => r.state === 'FILLED', 10_000);
    expect(row.executed_qty).toBe('0.00100000');
    await waitFor('the trade backfilled', async () => (await fillsOf(intentId)).length === 1);
    expect(
      s.logLines.some(
        (l) => l.includes('user stream: resync of the open orders') && l.includes('"resubscribed"'),
      ),
    ).toBe(true);
    await waitFor(
      'both streams back',
      async () => (await s.sim.admin.websockets()).userSubscriptions >= 4,
    );
  });
});
