import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ARM,
  armLive,
  auditRows,
  startFixture,
  tradingState,
  type Fixture,
} from '../test/fixture.js';

describe('arming - kill switch and release', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('kill from LIVE latches HALTED, ends the session and publishes mode.changed', async () => {
    const live = await armLive(f);
    if (!live.ok) throw new Error('not armed');
    expect(await f.call('kill', { operator: 'bob', reason: 'Runaway strategy.' })).toEqual({
      ok: true,
      result: {
        mode: 'HALTED',
        version: 2,
        haltedBy: 'bob',
        haltReason: 'Runaway strategy.',
        reconcileBlocked: false,
      },
    });
    expect(await f.modes.waitFor((m) => m.mode === 'HALTED')).toMatchObject({
      previousMode: 'LIVE',
      version: 2,
      operator: 'bob',
      reason: 'Runaway strategy.',
    });
    expect(
      await f.db.selectFrom('arming.live_sessions').select(['ended_by', 'end_reason']).execute(),
    ).toEqual([{ ended_by: 'bob', end_reason: 'killed: Runaway strategy.' }]);
    expect((await auditRows(f.db)).at(-1)).toMatchObject({
      kind: 'arming.killed',
      actor: 'bob',
      details: { previousMode: 'LIVE', sessionId: live.result.session?.id, version: 2 },
    });
  });

  it('HALTED refuses request and disarm, the kill voided the token; a second kill changes nothing but is audited', async () => {
    const issued = await f.call('request', { operator: 'alice', reason: 'Before the kill.' });
    if (!issued.ok) throw new Error('refused');
    await f.call('kill', { operator: 'bob', reason: 'Drill.' });
    expect(await f.call('request', { operator: 'alice', reason: 'x' })).toMatchObject({
      error: { code: 'HALTED' },
    });
    expect(
      await f.call('confirm', { operator: 'alice', token: issued.result.token, confirmation: ARM }),
    ).toMatchObject({
      error: {
        code: 'TOKEN_USED',
        message: 'The arm token is void: a newer request or a kill replaced it.',
      },
    });
    expect(await f.call('disarm', { operator: 'alice' })).toMatchObject({
      error: { code: 'HALTED' },
    });
    expect(await f.call('kill', { operator: 'carol', reason: 'Again.' })).toMatchObject({
      ok: true,
      result: { mode: 'HALTED', version: 1, haltedBy: 'bob', haltReason: 'Drill.' },
    });
    expect((await auditRows(f.db)).at(-1)).toMatchObject({
      kind: 'arming.killed',
      actor: 'carol',
      details: { alreadyHalted: true, version: 1, tokensVoided: 0 },
    });
    expect((await auditRows(f.db)).find((r) => r.kind === 'arming.killed')).toMatchObject({
      details: { tokensVoided: 1 },
    });
    expect((await tradingState(f.db)).version).toBe(1);
  });

  it('HALTED survives a restart of the service; release returns to PAPER, audited', async () => {
    await f.call('kill', { operator: 'bob', reason: 'Exchange incident.' });
    await f.restart();
    expect(await f.call('status', {})).toMatchObject({
      ok: true,
      result: { mode: 'HALTED', haltedBy: 'bob' },
    });
    expect(await f.call('release', { operator: 'carol', reason: 'Incident closed.' })).toEqual({
      ok: true,
      result: { mode: 'PAPER', version: 2, reconcileBlocked: false },
    });
    expect(await f.modes.waitFor((m) => m.version === 2)).toMatchObject({
      mode: 'PAPER',
      previousMode: 'HALTED',
      operator: 'carol',
    });
    expect((await auditRows(f.db)).at(-1)).toMatchObject({
      kind: 'arming.released',
      actor: 'carol',
      details: { haltedBy: 'bob', haltReason: 'Exchange incident.', reason: 'Incident closed.' },
    });
    expect((await armLive(f)).ok).toBe(true);
  });

  it('kill from PAPER halts too; release when not HALTED is refused NOT_HALTED', async () => {
    expect(await f.call('release', { operator: 'bob', reason: 'Nothing.' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_HALTED' },
    });
    await f.call('kill', { operator: 'bob', reason: 'Precaution.' });
    expect((await auditRows(f.db)).at(-1)?.details).toMatchObject({
      previousMode: 'PAPER',
      sessionId: null,
    });
    expect((await tradingState(f.db)).mode).toBe('HALTED');
  });
});
