import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ARM,
  auditRows,
  startFixture,
  tradingState,
  withStateLockHeld,
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

    const results = await withStateLockHeld(f.db, 2, () =>
      Promise.all([f.call('confirm', confirm, a), f.call('confirm', confirm, b)]),
    );

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
