import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, marketBuy, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution();
});
afterAll(async () => {
  await s.stop();
});

const ordersFor = async (clientOrderId: string) =>
  (await s.simOrders('paper')).filter((o) => o.clientOrderId === clientOrderId);

describe('execution - one intent, at most one exchange order', () => {
  it('5 publishes with one msgId, then another tag (dedup bypassed): exactly 1 order, the outcome republished', async () => {
    const i = intent();
    const acks = [];
    for (let n = 0; n < 5; n += 1) acks.push(await s.publish(i));
    expect(acks.map((a) => a.duplicate)).toEqual([false, true, true, true, true]);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');

    const again = await s.publish(i, `${i.intentId}-new-msg-id`);
    expect(again.duplicate).toBe(false);
    const republished = await waitFor('the republished outcome', () =>
      s.events.of(i.intentId).find((e) => e.type === 'order.updated'),
    );
    expect(republished).toMatchObject({
      state: 'NEW',
      exchangeOrderId: row.exchange_order_id,
      clientOrderId: row.client_order_id,
    });
    expect(await ordersFor(row.client_order_id)).toHaveLength(1);
    expect(await s.row(i.intentId)).toEqual(row);
    expect(s.events.of(i.intentId).map((e) => e.type)).toEqual([
      'order.accepted',
      'order.submitted',
      'order.updated',
    ]);
    const history = await s.t.db
      .selectFrom('execution.order_events')
      .select(['type', 'state'])
      .where('intent_id', '=', i.intentId)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { type: 'order.accepted', state: 'SUBMITTING' },
      { type: 'order.submitted', state: 'NEW' },
    ]);
  });

  it('a filled MARKET intent replayed after the fill stays 1 order (the venue would accept the reused id)', async () => {
    const i = marketBuy();
    await s.publish(i);
    const filled = await s.rowWhen(i.intentId, (r) => r.state === 'FILLED');
    expect(filled).toMatchObject({ executed_qty: '0.00100000', last_exchange_status: 'FILLED' });
    expect(filled.avg_price).not.toBeNull();
    const fills = await s.t.db
      .selectFrom('execution.fills')
      .selectAll()
      .where('intent_id', '=', i.intentId)
      .execute();
    expect(fills.length).toBeGreaterThan(0);
    expect(fills[0]).toMatchObject({
      venue: 'paper',
      symbol: 'BTCUSDT',
      exchange_order_id: filled.exchange_order_id,
      is_maker: false,
    });

    for (const suffix of ['r1', 'r2', 'r3']) await s.publish(i, `${i.intentId}-${suffix}`);
    await waitFor(
      'three republished outcomes',
      () => s.events.of(i.intentId).filter((e) => e.type === 'order.updated').length === 3,
    );
    expect(await ordersFor(filled.client_order_id)).toHaveLength(1);
    expect(await s.row(i.intentId)).toEqual(filled);
  });
});
