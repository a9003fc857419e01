import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { createDb } from '../create-db.js';
import { dbNow } from '../db-clock.js';
import { recordBalances, recordStreamBalances } from '../money/balances.repository.js';
import { SERVICE_ROLES } from '../roles/roles.js';
import { down, up } from './0030_money_execution_balances.js';

describe('0030_money_execution_balances', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const balances = (venue: 'paper' | 'live') =>
    t.db
      .selectFrom('money.balances')
      .select(['asset', 'free'])
      .where('venue', '=', venue)
      .orderBy('asset')
      .execute();

  it("lets execution store the stream's balances at the database's clock", async () => {
    const execution = createDb({ url: t.urlAs(SERVICE_ROLES.execution), max: 1 });
    try {
      const before = await dbNow(t.db);
      const taken = await recordStreamBalances(execution, 'paper', [
        { asset: 'USDT', free: '12.5', locked: '0' },
        { asset: 'BTC', free: '0', locked: '0' },
      ]);
      expect(taken?.getTime()).toBeGreaterThanOrEqual(before);
      expect(taken?.getTime()).toBeLessThanOrEqual(await dbNow(t.db));
      expect(await balances('paper')).toEqual([{ asset: 'USDT', free: '12.5' }]);
    } finally {
      await execution.destroy();
    }
  });

  it('keeps the newer picture when the stream and a REST read race, whichever writes last', async () => {
    // A REST read SENT after the stream's write holds the stream's change: it wins.
    const streamed = await recordStreamBalances(t.db, 'live', [
      { asset: 'USDT', free: '1', locked: '0' },
    ]);
    const sentAfter = (streamed as Date).getTime() + 1;
    expect(
      await recordBalances(t.db, 'live', [{ asset: 'USDT', free: '2', locked: '0' }], sentAfter),
    ).toBe(true);
    expect(await balances('live')).toEqual([{ asset: 'USDT', free: '2' }]);
    // A REST read sent before a stream change stored since: refused, the stream's picture stays.
    const next = (await recordStreamBalances(t.db, 'live', [
      { asset: 'USDT', free: '3', locked: '0' },
    ])) as Date;
    expect(
      await recordBalances(
        t.db,
        'live',
        [{ asset: 'USDT', free: '4', locked: '0' }],
        next.getTime() - 1,
      ),
    ).toBe(false);
    expect(await balances('live')).toEqual([{ asset: 'USDT', free: '3' }]);
    // A REST read sent in the future of the database (a clock ahead) is stored; a stream write
    // before that time is refused (undefined) rather than going back in time.
    const ahead = (await dbNow(t.db)) + 60_000;
    await recordBalances(t.db, 'live', [{ asset: 'USDT', free: '5', locked: '0' }], ahead);
    expect(
      await recordStreamBalances(t.db, 'live', [{ asset: 'USDT', free: '6', locked: '0' }]),
    ).toBeUndefined();
    expect(await balances('live')).toEqual([{ asset: 'USDT', free: '5' }]);
  });

  it('goes down (execution may not write) and up again', async () => {
    await down(t.db);
    const execution = createDb({ url: t.urlAs(SERVICE_ROLES.execution), max: 1 });
    try {
      await expect(recordStreamBalances(execution, 'paper', [])).rejects.toThrow(
        /permission denied/,
      );
      await up(t.db);
      expect(await recordStreamBalances(execution, 'paper', [])).toBeInstanceOf(Date);
      await expect(sql`select * from money.balances`.execute(execution)).resolves.toBeDefined();
    } finally {
      await execution.destroy();
    }
  });
});
