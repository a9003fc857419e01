import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARM, auditRows, startFixture, tradingState, type Fixture } from '../test/fixture.js';

describe('arming - four-eyes (ARM_REQUIRE_SECOND_OPERATOR)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture({ rules: { requireSecondOperator: true } });
  });
  afterEach(async () => {
    await f.close();
  });

  it('refuses the requester’s own confirm and arms on another operator’s', async () => {
    const issued = await f.call('request', {
      operator: 'alice',
      reason: 'Needs a second pair of eyes.',
    });
    if (!issued.ok) throw new Error('refused');
    const token = issued.result.token;
    expect(await f.call('confirm', { operator: 'alice', token, confirmation: ARM })).toMatchObject({
      ok: false,
      error: { code: 'SECOND_OPERATOR_REQUIRED' },
    });
    expect((await tradingState(f.db)).mode).toBe('PAPER');
    const armed = await f.call('confirm', { operator: 'bob', token, confirmation: ARM });
    expect(armed).toMatchObject({
      ok: true,
      result: { mode: 'LIVE', session: { operator: 'bob' } },
    });
    expect(
      await f.db.selectFrom('arming.live_sessions').select(['operator', 'requested_by']).execute(),
    ).toEqual([{ operator: 'bob', requested_by: 'alice' }]);
    expect((await auditRows(f.db)).at(-1)).toMatchObject({
      kind: 'arming.confirmed',
      actor: 'bob',
      details: { requestedBy: 'alice' },
    });
    expect(await f.modes.waitFor((m) => m.mode === 'LIVE')).toMatchObject({ operator: 'bob' });
  });
});
