import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addOperator,
  ARM,
  armLive,
  auditRows,
  startFixture,
  tradingState,
  type Fixture,
} from '../test/fixture.js';

const TOKEN = 'ab'.repeat(32);

/**
 * Issue 11: anyone on the bus could arm LIVE under any name, because arming trusted the `operator`
 * field. Now every verb checks that name against `auth.operators` inside its transaction.
 */
describe('arming - the operator named in a request must be an enabled operator', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
    await addOperator(f.db, 'dora', { disabledAt: new Date('2026-03-01T00:00:00Z') });
    await addOperator(f.db, 'victor', { role: 'viewer' });
  });
  afterEach(async () => {
    await f.close();
  });

  it('refuses request and confirm from a made-up operator; mode stays PAPER; audited as unverified', async () => {
    const before = (await auditRows(f.db)).length;
    const requested = await f.call('request', { operator: 'ghost-operator', reason: 'Go live.' });
    expect(requested).toEqual({
      ok: false,
      error: {
        code: 'OPERATOR_UNKNOWN',
        message: 'ghost-operator is not an operator of this installation.',
      },
    });
    const confirmed = await f.call('confirm', {
      operator: 'ghost-operator',
      token: TOKEN,
      confirmation: ARM,
    });
    expect(confirmed).toMatchObject({ ok: false, error: { code: 'OPERATOR_UNKNOWN' } });
    expect(await tradingState(f.db)).toMatchObject({ mode: 'PAPER', version: 0 });
    expect(await f.db.selectFrom('arming.tokens').selectAll().execute()).toEqual([]);
    const rows = (await auditRows(f.db)).slice(before);
    expect(rows.map((r) => [r.kind, r.actor, r.details])).toEqual([
      [
        'arming.refused',
        'ghost-operator',
        {
          verb: 'request',
          code: 'OPERATOR_UNKNOWN',
          message: 'ghost-operator is not an operator of this installation.',
          operatorVerified: false,
        },
      ],
      [
        'arming.refused',
        'ghost-operator',
        expect.objectContaining({
          verb: 'confirm',
          code: 'OPERATOR_UNKNOWN',
          operatorVerified: false,
        }),
      ],
    ]);
  });

  it('refuses a disabled operator and a viewer on every verb', async () => {
    const cases = [
      ['dora', 'OPERATOR_DISABLED', 'dora is disabled.'],
      ['victor', 'OPERATOR_NOT_ALLOWED', 'victor does not hold the operator role.'],
    ] as const;
    for (const [operator, code, message] of cases) {
      const replies = [
        await f.call('request', { operator, reason: 'Go live.' }),
        await f.call('confirm', { operator, token: TOKEN, confirmation: ARM }),
        await f.call('disarm', { operator }),
        await f.call('kill', { operator, reason: 'Stop.' }),
        await f.call('release', { operator, reason: 'Resume.' }),
      ];
      for (const reply of replies) expect(reply).toEqual({ ok: false, error: { code, message } });
    }
    expect(await tradingState(f.db)).toMatchObject({ mode: 'PAPER', version: 0 });
  });

  it('a made-up name can neither stop a live session nor kill it, nor release a halt', async () => {
    expect((await armLive(f)).ok).toBe(true);
    for (const reply of [
      await f.call('disarm', { operator: 'ghost-operator' }),
      await f.call('kill', { operator: 'ghost-operator', reason: 'Stop.' }),
    ]) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'OPERATOR_UNKNOWN' } });
    }
    expect((await tradingState(f.db)).mode).toBe('LIVE');
    expect((await f.call('kill', { operator: 'bob', reason: 'Stop.' })).ok).toBe(true);
    const release = await f.call('release', { operator: 'ghost-operator', reason: 'Resume.' });
    expect(release).toMatchObject({ ok: false, error: { code: 'OPERATOR_UNKNOWN' } });
    expect((await tradingState(f.db)).mode).toBe('HALTED');
  });
});

describe('arming - four-eyes cannot be satisfied with made-up names', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture({ rules: { requireSecondOperator: true } });
  });
  afterEach(async () => {
    await f.close();
  });

  it('refuses a made-up requester, and a made-up second operator confirming a real one’s token', async () => {
    const ghost = await f.call('request', { operator: 'ghost-a', reason: 'Go live.' });
    expect(ghost).toMatchObject({ ok: false, error: { code: 'OPERATOR_UNKNOWN' } });
    const issued = await f.call('request', { operator: 'alice', reason: 'Go live.' });
    if (!issued.ok) throw new Error(`alice refused: ${issued.error.code}`);
    const second = await f.call('confirm', {
      operator: 'ghost-b',
      token: issued.result.token,
      confirmation: ARM,
    });
    expect(second).toMatchObject({ ok: false, error: { code: 'OPERATOR_UNKNOWN' } });
    expect(await tradingState(f.db)).toMatchObject({ mode: 'PAPER' });
    const real = await f.call('confirm', {
      operator: 'bob',
      token: issued.result.token,
      confirmation: ARM,
    });
    expect(real).toMatchObject({ ok: true, result: { mode: 'LIVE' } });
  });
});
