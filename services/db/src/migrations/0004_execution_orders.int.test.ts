import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import type { NewExecutionOrder } from '../execution/orders.table.js';
import { down, up } from './0004_execution_orders.js';

const at = new Date('2026-01-01T00:00:00Z');

function order(id: string, patch: Partial<NewExecutionOrder> = {}): NewExecutionOrder {
  return {
    intent_id: id,
    fingerprint: 'a'.repeat(64),
    client_order_id: `lg-${id}`,
    mode: 'paper',
    venue: 'paper',
    source: 'strat',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.001',
    quote_order_qty: null,
    price: '50000.10',
    time_in_force: 'GTC',
    intent_created_at: at,
    intent_expires_at: null,
    state: 'SUBMITTING',
    exchange_order_id: null,
    avg_price: null,
    last_exchange_status: null,
    reject_code: null,
    reject_message: null,
    live_session_id: null,
    last_sent_at: null,
    lease_holder: null,
    lease_expires_at: null,
    ...patch,
  };
}

describe('0004_execution_orders', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('keys orders by intent id, keeps client order ids unique and decimals exact', async () => {
    await t.db.insertInto('execution.orders').values(order('i1')).execute();
    const row = await t.db
      .selectFrom('execution.orders')
      .selectAll()
      .where('intent_id', '=', 'i1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      price: '50000.10',
      executed_qty: '0',
      cummulative_quote_qty: '0',
      attempts: 0,
      recv_window_ms: 5000,
      not_found_count: 0,
    });
    await expect(
      t.db
        .insertInto('execution.orders')
        .values(order('i1', { client_order_id: 'x' }))
        .execute(),
    ).rejects.toThrow(/orders_pkey/);
    await expect(
      t.db
        .insertInto('execution.orders')
        .values(order('i2', { client_order_id: 'lg-i1' }))
        .execute(),
    ).rejects.toThrow(/client_order_id/);
  });

  it('refuses unknown states and modes, non-positive amounts, and a lease holder without expiry', async () => {
    const bad: Partial<NewExecutionOrder>[] = [
      { state: 'DONE' as never },
      { mode: 'demo' as never },
      { quantity: '0' },
      { lease_holder: 'x' },
      { fingerprint: 'nope' },
    ];
    for (const [i, patch] of bad.entries()) {
      await expect(
        t.db
          .insertInto('execution.orders')
          .values(order(`bad${i}`, patch))
          .execute(),
      ).rejects.toThrow(/violates check constraint/);
    }
  });

  it('stores each fill once per venue, symbol and trade id', async () => {
    const fill = {
      venue: 'paper',
      symbol: 'BTCUSDT',
      trade_id: '7',
      source: 'strat',
      intent_id: 'i1',
      exchange_order_id: '1',
      price: '50000',
      qty: '0.001',
      quote_qty: '50',
      commission: '0.000001',
      commission_asset: 'BTC',
      is_maker: false,
      traded_at: at,
    };
    await t.db.insertInto('execution.fills').values(fill).execute();
    const again = await t.db
      .insertInto('execution.fills')
      .values(fill)
      .onConflict((oc) => oc.columns(['venue', 'symbol', 'trade_id']).doNothing())
      .executeTakeFirst();
    expect(again.numInsertedOrUpdatedRows).toBe(0n);
    await t.db
      .insertInto('execution.fills')
      .values({ ...fill, venue: 'live' })
      .execute();
    await expect(
      t.db
        .insertInto('execution.fills')
        .values({ ...fill, trade_id: '8', intent_id: 'nope' })
        .execute(),
    ).rejects.toThrow(/foreign key/);
  });

  it('keeps the event history as jsonb in id order', async () => {
    await t.db
      .insertInto('execution.order_events')
      .values([
        {
          intent_id: 'i1',
          type: 'order.accepted',
          state: 'SUBMITTING',
          payload: JSON.stringify({ a: 1 }),
        },
        {
          intent_id: 'i1',
          type: 'order.submitted',
          state: 'NEW',
          payload: JSON.stringify({ b: '2' }),
        },
      ])
      .execute();
    const rows = await t.db
      .selectFrom('execution.order_events')
      .select(['type', 'payload'])
      .where('intent_id', '=', 'i1')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { type: 'order.accepted', payload: { a: 1 } },
      { type: 'order.submitted', payload: { b: '2' } },
    ]);
  });

  it('goes down and up again', async () => {
    const schemas = () =>
      sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname = 'execution'`
        .execute(t.db)
        .then((r) => r.rows[0]?.n);
    await down(t.db);
    expect(await schemas()).toBe(0);
    await up(t.db);
    expect(await schemas()).toBe(1);
  });
});
