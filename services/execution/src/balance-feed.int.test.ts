import type { AccountInfo, UserDataListener } from '@livegate/binance';
import type { BalancesStored } from '@livegate/contracts';
import { dbNow, recordBalances } from '@livegate/db';
import { createLogger } from '@livegate/runtime';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/harness/src/index.js';
import { createBalanceFeed } from './balance-feed.js';

/**
 * The feed's own decisions on a real database; the adapter's account view is played by the test
 * (its real stream is exercised in tests/integration/execution/balances-stream.int.test.ts).
 */
describe('balance feed', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const account = (usdt: string, asset = 'USDT'): AccountInfo => ({
    canTrade: true,
    updateTime: undefined,
    takerRate: '0.001',
    balances: new Map([[asset, { asset, free: usdt, locked: '0' }]]),
  });
  const stored = () =>
    t.db
      .selectFrom('money.balances')
      .select(['asset', 'free'])
      .where('venue', '=', 'live')
      .execute();

  function harness() {
    const listeners = new Set<UserDataListener>();
    const notes: BalancesStored[] = [];
    const lines: string[] = [];
    const logger = createLogger({
      service: 'balance-feed-test',
      level: 'debug',
      destination: new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    const feed = createBalanceFeed({
      db: t.db,
      venueName: 'live',
      venue: {
        listenUserData: (l) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
      },
      notify: (n) => notes.push(n),
      logger,
    });
    const tell = (a: AccountInfo) => {
      for (const l of listeners) l.onAccount?.(a);
    };
    return { feed, tell, notes, lines, listeners };
  }

  it('writes serially, the newest change wins a burst, and each write is told', async () => {
    const { feed, tell, notes, listeners } = harness();
    feed.start();
    feed.start(); // once only
    expect(listeners.size).toBe(1);
    tell(account('1'));
    tell(account('2')); // replaced by the next while the first is written
    tell(account('3'));
    await feed.stop();
    expect(listeners.size).toBe(0);
    expect(await stored()).toEqual([{ asset: 'USDT', free: '3' }]);
    expect(notes).toHaveLength(2);
    expect(notes.map((n) => n.venue)).toEqual(['live', 'live']);
  });

  it('a newer REST read stored: not written, not told; a failed write is logged, the next works', async () => {
    const { feed, tell, notes, lines } = harness();
    feed.start();
    await recordBalances(
      t.db,
      'live',
      [{ asset: 'BNB', free: '1', locked: '0' }],
      (await dbNow(t.db)) + 60_000,
    );
    tell(account('4'));
    await feed.stop();
    expect(notes).toEqual([]);
    expect(lines.some((l) => l.includes('a newer read is there'))).toBe(true);
    expect(await stored()).toEqual([{ asset: 'BNB', free: '1' }]);

    await t.db.deleteFrom('money.balance_snapshots').execute();
    feed.start();
    tell(account('5', 'not-an-asset')); // the table's check refuses it
    await feed.stop();
    expect(lines.some((l) => l.includes('balances from the account stream not stored'))).toBe(true);
    feed.start();
    tell(account('6'));
    await feed.stop();
    expect(await stored()).toEqual([{ asset: 'USDT', free: '6' }]);
    expect(notes).toHaveLength(1);
  });
});
