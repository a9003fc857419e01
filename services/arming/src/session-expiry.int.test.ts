import { afterEach, describe, expect, it } from 'vitest';
import {
  ARM,
  armLive,
  auditRows,
  startFixture,
  tradingState,
  withStateLockHeld,
  type Fixture,
} from '../test/fixture.js';

const FOUR_HOURS = 4 * 3_600_000;

describe('arming - session expiry', () => {
  let f: Fixture;
  afterEach(async () => {
    await f.close();
  });

  it('the expiry check disarms a session at its expiry instant, as "system", and not before', async () => {
    f = await startFixture();
    const live = await armLive(f);
    if (!live.ok) throw new Error('not armed');
    f.clock.advance(FOUR_HOURS - 1);
    expect((await f.service.checkExpiry()).mode).toBe('LIVE');
    f.clock.advance(1);
    expect(await f.service.checkExpiry()).toEqual({
      mode: 'PAPER',
      version: 2,
      reconcileBlocked: false,
    });
    expect(await f.modes.waitFor((m) => m.version === 2)).toEqual({
      mode: 'PAPER',
      previousMode: 'LIVE',
      version: 2,
      operator: 'system',
      reason: 'Live session expired.',
      at: '2026-03-02T13:00:00.000Z',
    });
    expect((await auditRows(f.db)).at(-1)).toMatchObject({
      kind: 'arming.expired',
      actor: 'system',
      subject: live.result.session?.id,
    });
    expect(
      await f.db
        .selectFrom('arming.live_sessions')
        .select(['ended_by', 'end_reason', 'ended_at'])
        .execute(),
    ).toEqual([
      { ended_by: 'system', end_reason: 'expired', ended_at: new Date('2026-03-02T13:00:00.000Z') },
    ]);
    expect((await f.service.checkExpiry()).version).toBe(2);
  });

  it('two expiry checks at once disarm once', async () => {
    f = await startFixture();
    await armLive(f);
    f.clock.advance(FOUR_HOURS);
    const [a, b] = await withStateLockHeld(f.db, 2, () =>
      Promise.all([f.service.checkExpiry(), f.service.checkExpiry()]),
    );
    expect(a).toEqual(b);
    expect(a).toMatchObject({ mode: 'PAPER', version: 2 });
    expect((await auditRows(f.db)).filter((r) => r.kind === 'arming.expired')).toHaveLength(1);
  });

  it('status never reports a LIVE session past its expiry, and a verb on an expired session sees PAPER', async () => {
    f = await startFixture();
    await armLive(f);
    f.clock.advance(FOUR_HOURS);
    expect(await f.call('status', {})).toEqual({
      ok: true,
      result: { mode: 'PAPER', version: 2, reconcileBlocked: false },
    });
    await armLive(f);
    f.clock.advance(FOUR_HOURS + 1);
    expect(await f.call('disarm', { operator: 'alice' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_LIVE' },
    });
    expect((await auditRows(f.db)).slice(-2).map((r) => r.kind)).toEqual([
      'arming.expired',
      'arming.refused',
    ]);
    expect(await tradingState(f.db)).toMatchObject({ mode: 'PAPER', version: 4 });
    await f.modes.waitFor((m) => m.version === 4 && m.operator === 'system');
  });

  it('a restart after the expiry disarms at start', async () => {
    f = await startFixture();
    await armLive(f);
    await f.service.stop();
    f.clock.advance(FOUR_HOURS + 60_000);
    expect((await tradingState(f.db)).mode).toBe('LIVE');
    await f.restart();
    expect(await tradingState(f.db)).toMatchObject({ mode: 'PAPER', version: 2 });
    expect(await f.modes.waitFor((m) => m.version === 2)).toMatchObject({
      operator: 'system',
      mode: 'PAPER',
    });
  });

  it('a restart before the expiry keeps the session LIVE and still ends it on time', async () => {
    f = await startFixture();
    const live = await armLive(f);
    await f.restart();
    expect(await f.call('status', {})).toEqual(live);
    f.clock.advance(FOUR_HOURS);
    expect((await f.service.checkExpiry()).mode).toBe('PAPER');
  });

  it('the timer disarms by itself when a short session runs out (real clock)', async () => {
    f = await startFixture({ wallClock: true, rules: { sessionMaxMs: 300 } });
    const issued = await f.call('request', { operator: 'alice', reason: 'Short one.' });
    if (!issued.ok) throw new Error('refused');
    const armed = await f.call('confirm', {
      operator: 'alice',
      token: issued.result.token,
      confirmation: ARM,
    });
    expect(armed.ok).toBe(true);
    const expired = await f.modes.waitFor(
      (m) => m.mode === 'PAPER' && m.operator === 'system',
      5_000,
    );
    expect(Date.parse(expired.at)).toBeGreaterThanOrEqual(
      Date.parse(armed.ok ? (armed.result.session?.expiresAt ?? '') : ''),
    );
    expect((await tradingState(f.db)).mode).toBe('PAPER');
  });
});
