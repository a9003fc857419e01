import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARM, auditRows, startFixture, type Fixture } from '../test/fixture.js';

describe('arming - rate limit on refused request/confirm', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const bad = { operator: 'mallory', token: 'f'.repeat(64), confirmation: ARM };

  it('after 5 refusals in 5 minutes the operator gets RATE_LIMITED, even with a valid token, until the window passes', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await f.call('confirm', bad)).toMatchObject({ error: { code: 'TOKEN_UNKNOWN' } });
      f.clock.advance(10_000);
    }
    const issued = await f.call('request', { operator: 'mallory', reason: 'Let me in.' });
    expect(issued).toEqual({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message:
          'Too many refused arming attempts (5 within 300 s); try again after 2026-03-02T09:05:00.000Z.',
      },
    });
    // RATE_LIMITED refusals do not extend the lock-out, but each is audited.
    for (let i = 0; i < 3; i++) expect((await f.call('confirm', bad)).ok).toBe(false);
    expect((await auditRows(f.db)).filter((r) => r.details.code === 'RATE_LIMITED')).toHaveLength(
      4,
    );

    expect(await f.call('request', { operator: 'alice', reason: 'Unaffected.' })).toMatchObject({
      ok: true,
    });

    f.clock.advance(300_000 - 50_000 - 1);
    expect(await f.call('confirm', bad)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    f.clock.advance(1);
    expect(await f.call('confirm', bad)).toMatchObject({ error: { code: 'TOKEN_UNKNOWN' } });
  });

  it('survives a restart of the service', async () => {
    for (let i = 0; i < 5; i++) await f.call('confirm', bad);
    await f.restart();
    expect(await f.call('confirm', bad)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(
      await f.db
        .selectFrom('arming.operator_failures')
        .select(['operator', 'verb', 'code'])
        .execute(),
    ).toEqual(
      Array.from({ length: 5 }, () => ({
        operator: 'mallory',
        verb: 'confirm',
        code: 'TOKEN_UNKNOWN',
      })),
    );
  });

  it('counts refused requests too, and not refusals of other verbs', async () => {
    await f.call('kill', { operator: 'mallory', reason: 'Halt.' });
    for (let i = 0; i < 3; i++) await f.call('disarm', { operator: 'mallory' });
    await f.call('release', { operator: 'mallory', reason: 'Up.' });
    await f.call('release', { operator: 'mallory', reason: 'Up again.' });
    await f.call('kill', { operator: 'mallory', reason: 'Halt.' });
    for (let i = 0; i < 5; i++) {
      expect(await f.call('request', { operator: 'mallory', reason: 'x' })).toMatchObject({
        error: { code: 'HALTED' },
      });
    }
    expect(await f.call('request', { operator: 'mallory', reason: 'x' })).toMatchObject({
      error: { code: 'RATE_LIMITED' },
    });
    expect(
      await f.call('release', { operator: 'mallory', reason: 'Still allowed.' }),
    ).toMatchObject({ ok: true });
  });
});
