import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ARM,
  auditRows,
  startFixture,
  tradingState,
  waitUntil,
  type Fixture,
} from '../test/fixture.js';

/** Go-live gate "Two concurrent confirms with one token: exactly one succeeds". */
describe('arming - concurrent confirms with one token', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('are both in flight at once on separate connections, and exactly one goes LIVE', async () => {
    const issued = await f.call('request', { operator: 'alice', reason: 'Race.' });
    if (!issued.ok) throw new Error('refused');
    const confirm = { operator: 'alice', token: issued.result.token, confirmation: ARM };
    const [a, b] = [await f.connect(), await f.connect()];

    // Hold the trading-state row so both confirms are provably waiting on it at the same time.
    let release!: () => void;
    let locked!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const holding = new Promise<void>((r) => (locked = r));
    const blocker = f.db.transaction().execute(async (trx) => {
      await sql`select 1 from arming.trading_state where id = 1 for update`.execute(trx);
      locked();
      await released;
    });
    await holding;
    const replies = Promise.all([f.call('confirm', confirm, a), f.call('confirm', confirm, b)]);
    try {
      await waitUntil('two confirms waiting on the trading-state lock', async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(f.db);
        return rows[0]?.n === 2;
      });
    } finally {
      release();
    }
    await blocker;
    const results = await replies;

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, error: { code: 'TOKEN_USED', message: expect.any(String) } },
    ]);
    expect(await tradingState(f.db)).toMatchObject({ mode: 'LIVE', version: 1 });
    expect(await f.db.selectFrom('arming.live_sessions').select('id').execute()).toHaveLength(1);
    expect((await auditRows(f.db)).map((r) => r.kind).sort()).toEqual([
      'arming.confirmed',
      'arming.refused',
      'arming.requested',
    ]);
  });

  it('ten confirms at once without a held lock still start one session', async () => {
    const issued = await f.call('request', { operator: 'alice', reason: 'Stampede.' });
    if (!issued.ok) throw new Error('refused');
    const confirm = { operator: 'alice', token: issued.result.token, confirmation: ARM };
    const connections = await Promise.all(Array.from({ length: 5 }, () => f.connect()));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => f.call('confirm', confirm, connections[i % 5])),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await f.db.selectFrom('arming.live_sessions').select('id').execute()).toHaveLength(1);
    expect((await tradingState(f.db)).version).toBe(1);
  });
});
