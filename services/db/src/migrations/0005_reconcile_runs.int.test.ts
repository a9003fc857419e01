import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0005_reconcile_runs.js';

const at = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-01-01T00:00:01Z');

const run = (id: string, patch: Record<string, unknown> = {}) => ({
  id,
  trigger: 'startup',
  venue: 'paper',
  started_at: at,
  finished_at: later,
  duration_ms: 1000,
  report: JSON.stringify({ rowsChecked: 3 }),
  ...patch,
});

const external = (patch: Record<string, unknown> = {}) => ({
  venue: 'live',
  symbol: 'BTCUSDT',
  exchange_order_id: '42',
  client_order_id: 'manual-1',
  first_seen_at: at,
  last_seen_at: at,
  status: 'NEW',
  action: 'report' as const,
  ...patch,
});

describe('0005_reconcile_runs', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('keeps one run per id with its report as jsonb', async () => {
    await t.db.insertInto('reconcile.runs').values(run('r1')).execute();
    const row = await t.db
      .selectFrom('reconcile.runs')
      .selectAll()
      .where('id', '=', 'r1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ venue: 'paper', duration_ms: 1000, report: { rowsChecked: 3 } });
    await expect(t.db.insertInto('reconcile.runs').values(run('r1')).execute()).rejects.toThrow(
      /runs_pkey/,
    );
  });

  it('refuses an unknown trigger, a negative duration and a run that ends before it starts', async () => {
    const bad = [
      { trigger: 'cron' },
      { duration_ms: -1 },
      { finished_at: new Date('2025-12-31T23:59:59Z') },
      { id: 'has space' },
    ];
    for (const [i, patch] of bad.entries()) {
      await expect(
        t.db
          .insertInto('reconcile.runs')
          .values(run(`bad${i}`, patch) as never)
          .execute(),
      ).rejects.toThrow(/violates check constraint/);
    }
  });

  it('lists an external order once per venue, symbol and exchange order id', async () => {
    await t.db.insertInto('reconcile.external_orders').values(external()).execute();
    await expect(
      t.db.insertInto('reconcile.external_orders').values(external()).execute(),
    ).rejects.toThrow(/unique/);
    await t.db
      .insertInto('reconcile.external_orders')
      .values(external({ venue: 'paper' }))
      .execute();
    await expect(
      t.db
        .insertInto('reconcile.external_orders')
        .values(external({ exchange_order_id: '43', action: 'ignored' }))
        .execute(),
    ).rejects.toThrow(/violates check constraint/);
  });

  it('goes down and up again', async () => {
    const schemas = () =>
      sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname = 'reconcile'`
        .execute(t.db)
        .then((r) => r.rows[0]?.n);
    await down(t.db);
    expect(await schemas()).toBe(0);
    await up(t.db);
    expect(await schemas()).toBe(1);
  });
});
