import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { createDb } from '../create-db.js';
import { recordBalances } from '../money/balances.repository.js';
import { SERVICE_ROLES } from '../roles/roles.js';
import { down, up } from './0028_money_balances.js';

describe('0028_money_balances', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const balances = (venue: string) =>
    t.db
      .selectFrom('money.balances')
      .select(['asset', 'free', 'locked'])
      .where('venue', '=', venue as 'paper')
      .orderBy('asset')
      .execute();

  it('stores a snapshot without empty assets and replaces it with a newer one', async () => {
    const at = Date.parse('2026-12-06T01:00:00Z');
    expect(
      await recordBalances(
        t.db,
        'paper',
        [
          { asset: 'USDT', free: '1000.5', locked: '10' },
          { asset: 'BTC', free: '0.00000000', locked: '0.00000000' },
          { asset: 'ETH', free: '0', locked: '0.1' },
        ],
        at,
      ),
    ).toBe(true);
    expect(await balances('paper')).toEqual([
      { asset: 'ETH', free: '0', locked: '0.1' },
      { asset: 'USDT', free: '1000.5', locked: '10' },
    ]);
    expect(
      await recordBalances(t.db, 'paper', [{ asset: 'BTC', free: '1', locked: '0' }], at + 1000),
    ).toBe(true);
    expect(await balances('paper')).toEqual([{ asset: 'BTC', free: '1', locked: '0' }]);
    const snap = await t.db.selectFrom('money.balance_snapshots').selectAll().execute();
    expect(snap.map((s) => [s.venue, s.taken_at.getTime()])).toEqual([['paper', at + 1000]]);
    expect(await recordBalances(t.db, 'paper', [], at + 2000)).toBe(true);
    expect(await balances('paper')).toEqual([]);
  });

  it('never writes an older snapshot over a newer one, even when both writers race', async () => {
    const at = Date.parse('2026-12-06T02:00:00Z');
    const late = [{ asset: 'USDT', free: '1', locked: '0' }];
    const early = [{ asset: 'USDT', free: '999', locked: '0' }];
    const [a, b] = await Promise.all([
      recordBalances(t.db, 'live', late, at),
      recordBalances(t.db, 'live', early, at - 5000),
    ]);
    expect([a, b].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect(await balances('live')).toEqual([{ asset: 'USDT', free: '1', locked: '0' }]);
    expect(await recordBalances(t.db, 'live', early, at - 1)).toBe(false);
    expect(await balances('live')).toEqual([{ asset: 'USDT', free: '1', locked: '0' }]);
  });

  it('refuses a negative amount, an odd asset or venue, and writes nothing of that snapshot', async () => {
    const at = Date.parse('2026-12-06T03:00:00Z');
    await expect(
      recordBalances(t.db, 'live', [{ asset: 'USDT', free: '-1', locked: '0' }], at),
    ).rejects.toThrow(/check constraint/);
    await expect(
      recordBalances(t.db, 'live', [{ asset: 'usdt', free: '1', locked: '0' }], at),
    ).rejects.toThrow(/check constraint/);
    await expect(recordBalances(t.db, 'demo' as 'live', [], at)).rejects.toThrow(
      /check constraint/,
    );
    expect(await balances('live')).toEqual([{ asset: 'USDT', free: '1', locked: '0' }]);
  });

  it('lets the reconciler write snapshots and the gateway only read them', async () => {
    const reconciler = createDb({ url: t.urlAs(SERVICE_ROLES.reconciler), max: 1 });
    const gateway = createDb({ url: t.urlAs(SERVICE_ROLES.gateway), max: 1 });
    try {
      const at = Date.parse('2026-12-06T04:00:00Z');
      await recordBalances(reconciler, 'live', [{ asset: 'BNB', free: '2', locked: '0' }], at);
      expect(
        await gateway
          .selectFrom('money.balances')
          .select('asset')
          .where('venue', '=', 'live')
          .execute(),
      ).toEqual([{ asset: 'BNB' }]);
      await expect(recordBalances(gateway, 'live', [], at + 1)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await Promise.all([reconciler.destroy(), gateway.destroy()]);
    }
  });

  it('goes down and up again', async () => {
    await down(t.db);
    await expect(sql`select * from money.balances`.execute(t.db)).rejects.toThrow(/does not exist/);
    await up(t.db);
    expect(await balances('paper')).toEqual([]);
  });
});
