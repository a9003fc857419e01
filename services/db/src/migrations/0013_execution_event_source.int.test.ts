import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0013_execution_event_source.js';

describe('0013_execution_event_source', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("gives stored events without a source their order's, or invalid-source; leaves the rest", async () => {
    await sql`insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue,
      source, symbol, side, type, intent_created_at, state)
      values ('i-1', ${'a'.repeat(64)}, 'lg-i-1', 'paper', 'paper', 'momentum', 'BTCUSDT', 'BUY',
        'MARKET', now(), 'SUBMITTING')`.execute(t.db);
    await t.db
      .insertInto('execution.order_events')
      .values([
        { intent_id: 'i-1', type: 'order.accepted', state: 'SUBMITTING', payload: '{"n":1}' },
        { intent_id: 'gone', type: 'order.rejected', state: 'REJECTED', payload: '{"n":2}' },
        {
          intent_id: 'i-1',
          type: 'order.updated',
          state: 'NEW',
          payload: '{"n":3,"source":"kept"}',
        },
      ])
      .execute();
    await up(t.db);
    await down(t.db);
    const { rows } = await sql<{ payload: unknown }>`
      select payload from execution.order_events order by id`.execute(t.db);
    expect(rows.map((r) => r.payload)).toEqual([
      { n: 1, source: 'momentum' },
      { n: 2, source: 'invalid-source' },
      { n: 3, source: 'kept' },
    ]);
  });
});
