import { createDb, insertFills, SERVICE_ROLES, type Database } from '@livegate/db';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/harness/src/index.js';
import { newRow, T0, trade } from '../test/fixtures.js';
import { loadOpenRows, storedFillQty, updateIfUnchanged } from './orders.repository.js';

let t: TestDatabase;
/** The reconciler's own login: the repository runs through its grants. */
let db: Kysely<Database>;
beforeAll(async () => {
  t = await createTestDatabase();
  db = createDb({ url: t.urlAs(SERVICE_ROLES.reconciler), max: 2 });
  await t.db
    .insertInto('execution.orders')
    .values([
      newRow({ intent_id: 'p-new', inserted_at: new Date(T0 + 2) }),
      newRow({ intent_id: 'p-unknown', state: 'UNKNOWN', inserted_at: new Date(T0 + 1) }),
      newRow({ intent_id: 'p-filled', state: 'FILLED' }),
      newRow({ intent_id: 'l-new', mode: 'live', venue: 'live' }),
    ])
    .execute();
});
afterAll(async () => {
  await db.destroy();
  await t.drop();
});

const read = (id: string) =>
  t.db
    .selectFrom('execution.orders')
    .selectAll()
    .where('intent_id', '=', id)
    .executeTakeFirstOrThrow();

describe('orders.repository', () => {
  it('loads the venue rows that are not final, oldest first', async () => {
    const rows = await loadOpenRows(db, 'paper');
    expect(rows.map((r) => r.intent_id)).toEqual(['p-unknown', 'p-new']);
  });

  it('stores trades once and sums the stored fills of open rows only', async () => {
    const row = await read('p-new');
    const first = await t.db
      .transaction()
      .execute((trx) =>
        insertFills(trx, row, [trade({ id: '1' }), trade({ id: '2', qty: '0.0005' })]),
      );
    expect(first.map((f) => f.tradeId)).toEqual(['1', '2']);
    expect(first[0]).toEqual({
      tradeId: '1',
      price: '50000',
      qty: '0.001',
      commission: '0.000001',
      commissionAsset: 'BTC',
    });
    const again = await t.db
      .transaction()
      .execute((trx) => insertFills(trx, row, [trade({ id: '2' }), trade({ id: '3' })]));
    expect(again.map((f) => f.tradeId)).toEqual(['3']);
    expect(await db.transaction().execute((trx) => insertFills(trx, row, []))).toEqual([]);
    const filled = await read('p-filled');
    await db.transaction().execute((trx) => insertFills(trx, filled, [trade({ id: '9' })]));
    expect(await storedFillQty(db, 'paper')).toEqual(new Map([['test:p-new', '0.0025']]));
    const stored = await t.db
      .selectFrom('execution.fills')
      .selectAll()
      .where('trade_id', '=', '1')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ quote_qty: '50', is_maker: true, traded_at: new Date(T0) });
  });

  it('writes a row only while it is as it was read and no live lease holds it', async () => {
    const seen = await read('p-unknown');
    const patch = { state: 'NEW' as const, not_found_count: 0 };
    const done = await t.db
      .transaction()
      .execute((trx) => updateIfUnchanged(trx, { row: seen, patch, now: T0 + 10 }));
    expect(done).toMatchObject({ state: 'NEW', updated_at: new Date(T0 + 10) });
    const stale = await t.db
      .transaction()
      .execute((trx) => updateIfUnchanged(trx, { row: seen, patch, now: T0 + 20 }));
    expect(stale).toBeUndefined();
    const current = await read('p-unknown');
    await t.db
      .updateTable('execution.orders')
      .set({ lease_holder: 'exec-1', lease_expires_at: new Date(T0 + 100) })
      .where('intent_id', '=', 'p-unknown')
      .execute();
    const write = (now: number) =>
      t.db
        .transaction()
        .execute((trx) =>
          updateIfUnchanged(trx, { row: current, patch: { not_found_count: 1 }, now }),
        );
    expect(await write(T0 + 99)).toBeUndefined();
    expect(await write(T0 + 100)).toMatchObject({ not_found_count: 1 });
  });

  it('compares updated_at to the millisecond, as the row was read (pg keeps microseconds)', async () => {
    await sql`update execution.orders set updated_at = '2026-03-02T09:00:00.123456Z' where intent_id = 'l-new'`.execute(
      t.db,
    );
    const seen = await read('l-new');
    expect(seen.updated_at.toISOString()).toBe('2026-03-02T09:00:00.123Z');
    const done = await t.db
      .transaction()
      .execute((trx) =>
        updateIfUnchanged(trx, { row: seen, patch: { executed_qty: '0.001' }, now: T0 }),
      );
    expect(done?.executed_qty).toBe('0.001');
  });

  it('writes only the row of its own source when two strategies share an intent id', async () => {
    await t.db
      .insertInto('execution.orders')
      .values([
        newRow({ intent_id: 'shared', source: 'alpha', client_order_id: 'lg-shared-alpha' }),
        newRow({ intent_id: 'shared', source: 'beta', client_order_id: 'lg-shared-beta' }),
      ])
      .execute();
    const rows = await t.db
      .selectFrom('execution.orders')
      .selectAll()
      .where('intent_id', '=', 'shared')
      .orderBy('source')
      .execute();
    const beta = rows[1] as (typeof rows)[number];
    const done = await t.db
      .transaction()
      .execute((trx) =>
        updateIfUnchanged(trx, { row: beta, patch: { state: 'CANCELED' }, now: T0 + 5 }),
      );
    expect(done).toMatchObject({ source: 'beta', state: 'CANCELED' });
    const after = await t.db
      .selectFrom('execution.orders')
      .select(['source', 'state'])
      .where('intent_id', '=', 'shared')
      .orderBy('source')
      .execute();
    expect(after).toEqual([
      { source: 'alpha', state: 'NEW' },
      { source: 'beta', state: 'CANCELED' },
    ]);
  });
});
