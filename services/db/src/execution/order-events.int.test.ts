import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { insertOrderEvent } from './order-events.repository.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe('insertOrderEvent', () => {
  it('keeps the published event in the order history', async () => {
    const event = {
      type: 'order.canceled',
      eventId: 'e-1',
      intentId: 'p-new',
      source: 'test',
      mode: 'paper',
      state: 'CANCELED',
      at: new Date(T0).toISOString(),
    } as const;
    await t.db.transaction().execute((trx) => insertOrderEvent(trx, event));
    const stored = await t.db
      .selectFrom('execution.order_events')
      .select(['type', 'state', 'payload', 'at'])
      .where('intent_id', '=', 'p-new')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      type: 'order.canceled',
      state: 'CANCELED',
      payload: event,
      at: new Date(T0),
    });
  });
});
