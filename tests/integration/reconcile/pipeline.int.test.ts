import { clientOrderIdFor } from '@livegate/binance';
import { sql } from 'kysely';
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

const ORDER = {
  BTCUSDT: { price: '50000.00', quantity: '0.002' },
  ETHUSDT: { price: '2000.00', quantity: '0.01' },
} as const;

/** A resting paper order on `symbol` and its row, as execution stored it once placed. */
async function placedRow(symbol: keyof typeof ORDER) {
  seq += 1;
  const intentId = `p-${seq}`;
  const order = await s.place('paper', { intentId, symbol, ...ORDER[symbol] });
  await s.seedRow({
    intent_id: intentId,
    client_order_id: clientOrderIdFor(intentId),
    exchange_order_id: order.orderId,
    symbol,
    ...ORDER[symbol],
    // Sent now: the trades are read by symbol from this time on.
    intent_created_at: new Date(),
    last_sent_at: new Date(),
  });
  return { intentId, orderId: Number(order.orderId) };
}

/** Log lines of `msg` written since `from` (an index into the stack's log; an entry may hold several lines). */
const logsSince = (from: number, msg: string) =>
  s.logLines
    .slice(from)
    .flatMap((chunk) => chunk.split('\n'))
    .filter((l) => l.includes(`"msg":"${msg}"`));

describe('reconciler batches - reads and commits in a pipeline', () => {
  it('commits chunk after chunk while reading symbol by symbol, publishing every event', async () => {
    const placed = [
      await placedRow('BTCUSDT'),
      await placedRow('BTCUSDT'),
      await placedRow('BTCUSDT'),
      await placedRow('ETHUSDT'),
      await placedRow('ETHUSDT'),
      await placedRow('ETHUSDT'),
    ];
    const [filled, canceled] = [
      placed.filter((_, i) => i % 2 === 0),
      placed.filter((_, i) => i % 2),
    ];
    for (const p of filled) await s.sim.admin.fillOrder(p.orderId);
    for (const p of canceled) await s.sim.admin.cancelOrder(p.orderId);
    const from = s.logLines.length;

    const [run] = await s
      .reconciler({
        venues: { paper: s.adapters.paper },
        batch: { chunk: 2, commitWidth: 1, publishWidth: 1, readWidth: 2 },
      })
      .request({ trigger: 'operator' });

    expect(run).toMatchObject({
      rowsChecked: 6,
      rowsChanged: { 'NEW->FILLED': 3, 'NEW->CANCELED': 3 },
      fillsAdded: 3,
      errors: [],
      unresolved: 0,
    });
    // Six rows, two per transaction.
    const batches = logsSince(from, 'orders reconciled in one batch');
    expect(logsSince(from, 'order reconciled')).toEqual([]);
    expect(batches).toHaveLength(3);
    for (const line of batches) expect(line).toContain('"rows":2');
    const rows = await s.rows();
    for (const p of filled) expect(rows.get(p.intentId)?.state).toBe('FILLED');
    for (const p of canceled) expect(rows.get(p.intentId)?.state).toBe('CANCELED');
    // One stored event per row, and the same events published (the run waits for every ack).
    const stored = await s.t.db
      .selectFrom('execution.order_events')
      .select(['intent_id', 'payload'])
      .execute();
    expect(stored.map((e) => e.intent_id).sort()).toEqual(placed.map((p) => p.intentId).sort());
    for (const p of placed) {
      const published = s.events.of(p.intentId);
      expect(published).toHaveLength(1);
      const storedEvent = stored.find((e) => e.intent_id === p.intentId)?.payload;
      expect(published[0]).toEqual(storedEvent);
    }
    for (const p of filled) {
      expect(s.events.of(p.intentId)[0]).toMatchObject({
        type: 'order.updated',
        fills: [expect.objectContaining({ tradeId: expect.any(String) })],
      });
    }
  });

  it('fails the run on a failed commit: that chunk stays unwritten, nothing of it is published', async () => {
    const btc = await placedRow('BTCUSDT');
    const eth = await placedRow('ETHUSDT');
    for (const p of [btc, eth]) await s.sim.admin.fillOrder(p.orderId);
    // A real failure of the transaction: the reconciler's role may not store order events.
    await sql`revoke insert on execution.order_events from livegate_reconciler`.execute(s.t.db);
    try {
      const [run] = await s
        .reconciler({
          venues: { paper: s.adapters.paper },
          batch: { chunk: 1, commitWidth: 1, readWidth: 1 },
        })
        .request({ trigger: 'operator' });
      expect(run?.errors.map((e) => e.code)).toEqual(['INTERNAL']);
      expect(run?.errors[0]?.message).toContain('permission denied');
      expect(run).toMatchObject({ rowsChanged: {}, fillsAdded: 0, unresolved: 2 });
    } finally {
      await sql`grant insert on execution.order_events to livegate_reconciler`.execute(s.t.db);
    }
    const rows = await s.rows();
    expect([rows.get(btc.intentId)?.state, rows.get(eth.intentId)?.state]).toEqual(['NEW', 'NEW']);
    expect(await s.t.db.selectFrom('execution.fills').selectAll().execute()).toEqual([]);
    expect(await s.t.db.selectFrom('execution.order_events').selectAll().execute()).toEqual([]);
    expect([...s.events.of(btc.intentId), ...s.events.of(eth.intentId)]).toEqual([]);

    // The next run, with the grant back, settles both.
    const [again] = await s
      .reconciler({ venues: { paper: s.adapters.paper } })
      .request({ trigger: 'operator' });
    expect(again).toMatchObject({ rowsChanged: { 'NEW->FILLED': 2 }, fillsAdded: 2, errors: [] });
  });
});
