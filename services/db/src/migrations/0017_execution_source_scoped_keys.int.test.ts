import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0017_execution_source_scoped_keys.js';

const insertOrder = (intentId: string, source: string, clientOrderId: string) => sql`
  insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue, source, symbol,
    side, type, intent_created_at, state)
  values (${intentId}, ${'a'.repeat(64)}, ${clientOrderId}, 'paper', 'paper', ${source}, 'BTCUSDT',
    'BUY', 'MARKET', now(), 'FILLED')`;

const fill = (tradeId: string, intentId: string, source?: string) => ({
  venue: 'paper',
  symbol: 'BTCUSDT',
  trade_id: tradeId,
  intent_id: intentId,
  ...(source === undefined ? {} : { source }),
  exchange_order_id: '1',
  price: '50000',
  qty: '0.001',
  quote_qty: '50',
  commission: '0',
  commission_asset: 'BTC',
  is_maker: false,
  traded_at: new Date('2026-01-01T00:00:00Z'),
});

describe('0017_execution_source_scoped_keys', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('keys orders by (source, intent_id), keeping stored rows, their client order ids, fills and events', async () => {
    await down(t.db);
    await insertOrder('i-1', 'momentum', 'lg-old-i-1').execute(t.db);
    await t.db
      .insertInto('execution.fills')
      .values(fill('7', 'i-1') as never)
      .execute();
    await sql`insert into execution.order_events (intent_id, type, state, payload)
      values ('i-1', 'order.accepted', 'SUBMITTING', '{"source":"momentum"}')`.execute(t.db);
    await up(t.db);

    const { rows: fills } = await sql<{
      source: string;
    }>`select source from execution.fills where trade_id = '7'`.execute(t.db);
    expect(fills).toEqual([{ source: 'momentum' }]);
    const { rows: events } = await sql<{
      source: string;
    }>`select source from execution.order_events where intent_id = 'i-1'`.execute(t.db);
    expect(events).toEqual([{ source: 'momentum' }]);
    const { rows: orders } = await sql<{
      client_order_id: string;
    }>`select client_order_id from execution.orders where intent_id = 'i-1'`.execute(t.db);
    expect(orders).toEqual([{ client_order_id: 'lg-old-i-1' }]);

    // Another strategy may use the id; the same strategy may not; a fill needs its order's pair.
    await insertOrder('i-1', 'meanrev', 'lg-new-i-1').execute(t.db);
    await expect(insertOrder('i-1', 'meanrev', 'lg-other').execute(t.db)).rejects.toThrow(
      /orders_pkey/,
    );
    await t.db
      .insertInto('execution.fills')
      .values(fill('8', 'i-1', 'meanrev') as never)
      .execute();
    await expect(
      t.db
        .insertInto('execution.fills')
        .values(fill('9', 'i-1', 'nobody') as never)
        .execute(),
    ).rejects.toThrow(/fills_order_fkey/);

    // Down refuses to fold two strategies' orders into one key.
    await expect(down(t.db)).rejects.toThrow(/two sources share an intent id/);
  });

  it('goes down and up again while every intent id has one source', async () => {
    await sql`delete from execution.fills where source = 'meanrev'`.execute(t.db);
    await sql`delete from execution.orders where source = 'meanrev'`.execute(t.db);
    await down(t.db);
    await up(t.db);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from execution.orders`.execute(t.db);
    expect(rows).toEqual([{ n: 1 }]);
  });
});
