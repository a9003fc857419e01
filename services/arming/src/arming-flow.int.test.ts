import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ARM,
  armLive,
  auditRows,
  startFixture,
  T0,
  tradingState,
  type Fixture,
} from '../test/fixture.js';
import { hashArmToken } from './arm-token.js';

describe('arming - the two-step flow', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('starts PAPER at version 0 with no reconcile block', async () => {
    expect(await f.call('status', {})).toEqual({
      ok: true,
      result: { mode: 'PAPER', version: 0, reconcileBlocked: false },
    });
  });

  it('request then confirm goes LIVE for 4 h, publishes mode.changed, and audits both steps', async () => {
    const issued = await f.call('request', {
      operator: 'alice',
      reason: 'Start the BTC strategy.',
    });
    expect(issued).toEqual({
      ok: true,
      result: {
        token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiresAt: '2026-03-02T09:01:00.000Z',
      },
    });
    if (!issued.ok) return;
    f.clock.advance(10_000);
    const confirmed = await f.call('confirm', {
      operator: 'alice',
      token: issued.result.token,
      confirmation: ARM,
    });
    expect(confirmed).toEqual({
      ok: true,
      result: {
        mode: 'LIVE',
        version: 1,
        session: {
          id: expect.any(String),
          operator: 'alice',
          startedAt: '2026-03-02T09:00:10.000Z',
          expiresAt: '2026-03-02T13:00:10.000Z',
        },
        reconcileBlocked: false,
      },
    });
    const event = await f.modes.waitFor((m) => m.version === 1);
    expect(event).toEqual({
      mode: 'LIVE',
      previousMode: 'PAPER',
      version: 1,
      operator: 'alice',
      reason: 'Start the BTC strategy.',
      sessionId: confirmed.ok ? confirmed.result.session?.id : '',
      expiresAt: '2026-03-02T13:00:10.000Z',
      at: '2026-03-02T09:00:10.000Z',
    });
    expect(await tradingState(f.db)).toMatchObject({
      mode: 'LIVE',
      version: 1,
      session_id: event.sessionId,
      expires_at: new Date('2026-03-02T13:00:10.000Z'),
    });
    const rows = await auditRows(f.db);
    expect(rows.map((r) => [r.kind, r.actor])).toEqual([
      ['arming.requested', 'alice'],
      ['arming.confirmed', 'alice'],
    ]);
    const published = await f.audits.waitFor((a) => a.kind === 'arming.confirmed');
    expect(published).toMatchObject({
      id: rows[1]?.id,
      hash: rows[1]?.hash,
      subject: event.sessionId,
    });
    expect(await f.call('status', {})).toEqual(confirmed);
  });

  it('stores only the hash of the token, and the token appears in no audit row, event or log', async () => {
    const issued = await f.call('request', { operator: 'alice', reason: 'Start.' });
    if (!issued.ok) throw new Error('refused');
    const { token } = issued.result;
    await f.call('confirm', { operator: 'alice', token, confirmation: ARM });
    const tokens = await f.db.selectFrom('arming.tokens').selectAll().execute();
    expect(tokens).toEqual([
      expect.objectContaining({
        token_hash: hashArmToken(token),
        operator: 'alice',
        used_by: 'alice',
        used_at: new Date(T0),
        expires_at: new Date('2026-03-02T09:01:00.000Z'),
      }),
    ]);
    const { rows } = await sql<{ dump: string }>`
      select string_agg(t::text, ' ') as dump from (
        select row_to_json(a)::text as t from audit.log a
        union all select row_to_json(k)::text from arming.tokens k
        union all select row_to_json(s)::text from arming.live_sessions s) x`.execute(f.db);
    expect(rows[0]?.dump).not.toContain(token);
    await f.audits.waitFor((a) => a.kind === 'arming.confirmed');
    expect(JSON.stringify([f.audits.items, f.modes.items, f.logs])).not.toContain(token);
  });

  it('disarm ends the session and returns to PAPER; disarm while PAPER is refused NOT_LIVE', async () => {
    const live = await armLive(f);
    if (!live.ok) throw new Error('not armed');
    f.clock.advance(60_000);
    expect(await f.call('disarm', { operator: 'bob', reason: 'Done for today.' })).toEqual({
      ok: true,
      result: { mode: 'PAPER', version: 2, reconcileBlocked: false },
    });
    expect(await f.modes.waitFor((m) => m.version === 2)).toMatchObject({
      mode: 'PAPER',
      previousMode: 'LIVE',
      operator: 'bob',
      reason: 'Done for today.',
    });
    expect(
      await f.db
        .selectFrom('arming.live_sessions')
        .select(['ended_at', 'ended_by', 'end_reason'])
        .execute(),
    ).toEqual([
      {
        ended_at: new Date('2026-03-02T09:01:00.000Z'),
        ended_by: 'bob',
        end_reason: 'Done for today.',
      },
    ]);
    expect(await f.call('disarm', { operator: 'bob' })).toEqual({
      ok: false,
      error: { code: 'NOT_LIVE', message: expect.any(String) },
    });
    expect((await auditRows(f.db)).map((r) => r.kind)).toEqual([
      'arming.requested',
      'arming.confirmed',
      'arming.disarmed',
      'arming.refused',
    ]);
  });

  it('gives a default reason to a disarm without one', async () => {
    await armLive(f);
    await f.call('disarm', { operator: 'alice' });
    expect(await f.modes.waitFor((m) => m.version === 2)).toMatchObject({
      reason: 'Disarmed by operator.',
    });
  });

  it('a new request supersedes the same operator’s unused token, not other operators’', async () => {
    const first = await f.call('request', { operator: 'alice', reason: 'One.' });
    const bobs = await f.call('request', { operator: 'bob', reason: 'Bob.' });
    const second = await f.call('request', { operator: 'alice', reason: 'Two.' });
    if (!first.ok || !second.ok || !bobs.ok) throw new Error('refused');
    expect(
      await f.call('confirm', { operator: 'alice', token: first.result.token, confirmation: ARM }),
    ).toEqual({
      ok: false,
      error: {
        code: 'TOKEN_USED',
        message: 'The arm token is void: a newer request or a kill replaced it.',
      },
    });
    expect((await auditRows(f.db)).at(2)?.details).toMatchObject({ superseded: 1 });
    const ok = await f.call('confirm', {
      operator: 'alice',
      token: second.result.token,
      confirmation: ARM,
    });
    expect(ok.ok).toBe(true);
    expect(await f.modes.waitFor((m) => m.mode === 'LIVE')).toMatchObject({ reason: 'Two.' });
  });

  it('refuses a request while LIVE (ALREADY_LIVE) and answers a request that fails its schema with INVALID_REQUEST', async () => {
    await armLive(f);
    expect(await f.call('request', { operator: 'bob', reason: 'Again.' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_LIVE' },
    });
    const before = (await auditRows(f.db)).length;
    const raw = await f.client.nc.request(
      f.client.subjects.arming('request'),
      JSON.stringify({ operator: 'alice' }),
      {
        timeout: 5_000,
      },
    );
    expect(raw.json()).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'The request is invalid: reason: required.' },
    });
    expect(await auditRows(f.db)).toHaveLength(before);
  });
});
