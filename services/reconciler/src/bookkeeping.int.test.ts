import { createDb, SERVICE_ROLES, type Database } from '@livegate/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/harness/src/index.js';
import { T0, venueOrder } from '../test/fixtures.js';
import { markCancelled, recordExternal } from './externals.repository.js';
import { markFinished, markRunning } from './gate.repository.js';
import { insertRun, withVenueLock } from './runs.repository.js';

let t: TestDatabase;
/** The reconciler's own login: every write below goes through its grants. */
let db: Kysely<Database>;
beforeAll(async () => {
  t = await createTestDatabase();
  db = createDb({ url: t.urlAs(SERVICE_ROLES.reconciler), max: 4 });
});
afterAll(async () => {
  await db.destroy();
  await t.drop();
});

const gate = () => t.db.selectFrom('arming.reconcile_gate').selectAll().orderBy('venue').execute();

describe('reconcile gate', () => {
  it('is marked in progress at the start of a run and holds the unresolved count after it', async () => {
    await markRunning(db, 'live', T0);
    expect(await gate()).toEqual([
      {
        venue: 'live',
        in_progress: true,
        unresolved: 0,
        last_run_id: null,
        updated_at: new Date(T0),
      },
    ]);
    await markFinished(db, 'live', { unresolved: 2, runId: 'run-1', now: T0 + 5 });
    await markRunning(db, 'live', T0 + 10);
    expect(await gate()).toEqual([
      {
        venue: 'live',
        in_progress: true,
        unresolved: 2,
        last_run_id: 'run-1',
        updated_at: new Date(T0 + 10),
      },
    ]);
    await markFinished(db, 'live', { unresolved: 0, runId: 'run-2', now: T0 + 20 });
    await markFinished(db, 'paper', { unresolved: 0, runId: 'run-3', now: T0 + 30 });
    expect(
      (await gate()).map((g) => [g.venue, g.in_progress, g.unresolved, g.last_run_id]),
    ).toEqual([
      ['live', false, 0, 'run-2'],
      ['paper', false, 0, 'run-3'],
    ]);
  });
});

describe('external orders', () => {
  it('lists an external order once, refreshing when it was last seen and its status', async () => {
    const order = venueOrder({ orderId: '42', clientOrderId: 'web_1' });
    await recordExternal(db, 'live', order, T0);
    await recordExternal(db, 'live', { ...order, status: 'PARTIALLY_FILLED' }, T0 + 1000);
    await markCancelled(db, 'live', { ...order, status: 'CANCELED' }, T0 + 2000);
    await recordExternal(db, 'paper', order, T0);
    const rows = await t.db
      .selectFrom('reconcile.external_orders')
      .selectAll()
      .orderBy('venue')
      .execute();
    expect(rows).toEqual([
      {
        venue: 'live',
        symbol: 'BTCUSDT',
        exchange_order_id: '42',
        client_order_id: 'web_1',
        first_seen_at: new Date(T0),
        last_seen_at: new Date(T0 + 2000),
        status: 'CANCELED',
        action: 'cancelled',
      },
      expect.objectContaining({ venue: 'paper', status: 'NEW', action: 'report' }),
    ]);
  });
});

describe('runs', () => {
  it('stores the report with its extras', async () => {
    const report = {
      runId: 'run-9',
      trigger: 'operator' as const,
      venue: 'paper' as const,
      startedAt: new Date(T0).toISOString(),
      finishedAt: new Date(T0 + 7).toISOString(),
      durationMs: 7,
      rowsChecked: 1,
      rowsChanged: {},
      fillsAdded: 0,
      externalOrders: 0,
      unresolved: 0,
      errors: [],
    };
    await insertRun(db, report, { requestIds: ['q-1'], pausedMs: 0 });
    const row = await t.db.selectFrom('reconcile.runs').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({
      id: 'run-9',
      trigger: 'operator',
      venue: 'paper',
      started_at: new Date(T0),
      finished_at: new Date(T0 + 7),
      duration_ms: 7,
      report: { ...report, requestIds: ['q-1'], pausedMs: 0 },
    });
  });

  it('never lets two runs of one venue overlap, and lets other venues run meanwhile', async () => {
    const log: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withVenueLock(db, 'live', async () => {
      log.push('first in');
      await held;
      log.push('first out');
      return 1;
    });
    for (let i = 0; i < 1000 && log.length === 0; i += 1) await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['first in']);
    const second = withVenueLock(db, 'live', async () => {
      log.push('second in');
      return 2;
    });
    const other = await withVenueLock(db, 'paper', async () => {
      log.push('paper');
      return 3;
    });
    expect(other).toBe(3);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['first in', 'paper', 'first out', 'second in']);
  });

  it('releases the lock when the work fails', async () => {
    await expect(
      withVenueLock(db, 'live', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await withVenueLock(db, 'live', async () => 'again')).toBe('again');
  });
});
