import type { ArmingErrorCode } from '@livegate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARM,
  armLive,
  auditRows,
  startFixture,
  tradingState,
  type Fixture,
} from '../test/fixture.js';

/**
 * Go-live gate "No live order without an armed session": every bad confirm is refused with its own
 * code, the mode stays PAPER, and exactly one audit row records the refusal.
 */
describe('arming - confirm refusals', () => {
  let f: Fixture;
  beforeAll(async () => {
    // A generous limit: this file refuses many times on purpose and tests the limit elsewhere.
    f = await startFixture({ rules: { failureLimit: 1000 } });
  });
  afterAll(async () => {
    await f.close();
  });

  async function issue(operator = 'alice'): Promise<string> {
    const issued = await f.call('request', { operator, reason: 'Start the BTC strategy.' });
    if (!issued.ok) throw new Error(`request refused: ${issued.error.code}`);
    return issued.result.token;
  }

  async function expectRefused(
    req: { operator: string; token?: string; confirmation: string },
    code: ArmingErrorCode,
    mode: 'PAPER' | 'LIVE' | 'HALTED' = 'PAPER',
  ) {
    const before = await auditRows(f.db);
    const stateBefore = await tradingState(f.db);
    const reply = await f.call('confirm', req);
    expect(reply).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    const after = await auditRows(f.db);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      kind: 'arming.refused',
      actor: req.operator,
      details: expect.objectContaining({ verb: 'confirm', code }),
    });
    const state = await tradingState(f.db);
    expect(state.mode).toBe(mode);
    expect(state.version).toBe(stateBefore.version);
    if (req.token) expect(JSON.stringify(after.at(-1))).not.toContain(req.token);
    return after.at(-1);
  }

  it('no token → TOKEN_MISSING (also for an empty string)', async () => {
    await expectRefused({ operator: 'alice', confirmation: ARM }, 'TOKEN_MISSING');
    await expectRefused({ operator: 'alice', token: '', confirmation: ARM }, 'TOKEN_MISSING');
  });

  it('malformed token → TOKEN_MALFORMED', async () => {
    await expectRefused(
      { operator: 'alice', token: 'not-a-token', confirmation: ARM },
      'TOKEN_MALFORMED',
    );
    const upper = (await issue()).toUpperCase();
    await expectRefused({ operator: 'alice', token: upper, confirmation: ARM }, 'TOKEN_MALFORMED');
  });

  it('a well-formed token that was never issued → TOKEN_UNKNOWN', async () => {
    await expectRefused(
      { operator: 'alice', token: 'e'.repeat(64), confirmation: ARM },
      'TOKEN_UNKNOWN',
    );
  });

  it('expired token → TOKEN_EXPIRED, from the TTL instant on', async () => {
    const token = await issue();
    f.clock.advance(60_000);
    const row = await expectRefused(
      { operator: 'alice', token, confirmation: ARM },
      'TOKEN_EXPIRED',
    );
    expect(row?.details).toHaveProperty('tokenId');
  });

  it('another operator’s token → TOKEN_OTHER_OPERATOR, and the token stays usable by its owner', async () => {
    const token = await issue('alice');
    await expectRefused({ operator: 'mallory', token, confirmation: ARM }, 'TOKEN_OTHER_OPERATOR');
    await expectRefused({ operator: 'alice', token, confirmation: 'arm live' }, 'WRONG_PHRASE');
    const reply = await f.call('confirm', { operator: 'alice', token, confirmation: ARM });
    expect(reply.ok).toBe(true);
    await f.call('disarm', { operator: 'alice' });
  });

  it('replayed token → TOKEN_USED, also after the session it started has ended', async () => {
    const token = await issue();
    expect((await f.call('confirm', { operator: 'alice', token, confirmation: ARM })).ok).toBe(
      true,
    );
    await f.call('disarm', { operator: 'alice' });
    await expectRefused({ operator: 'alice', token, confirmation: ARM }, 'TOKEN_USED');
  });

  it('wrong phrase → WRONG_PHRASE (exact match, case and spaces count)', async () => {
    const token = await issue();
    for (const phrase of ['ARM', 'arm live', 'ARM LIVE ', 'ARMLIVE']) {
      await expectRefused({ operator: 'alice', token, confirmation: phrase }, 'WRONG_PHRASE');
    }
  });

  it('already LIVE → ALREADY_LIVE (a token asked for before arming)', async () => {
    const bobs = await issue('bob');
    await armLive(f, 'alice');
    await expectRefused(
      { operator: 'bob', token: bobs, confirmation: ARM },
      'ALREADY_LIVE',
      'LIVE',
    );
    await f.call('disarm', { operator: 'alice' });
  });

  it('a kill voids outstanding tokens (TOKEN_USED), and no new one is issued while HALTED', async () => {
    const token = await issue();
    await f.call('kill', { operator: 'bob', reason: 'Drill.' });
    await expectRefused({ operator: 'alice', token, confirmation: ARM }, 'TOKEN_USED', 'HALTED');
    expect(await f.call('request', { operator: 'alice', reason: 'Again.' })).toMatchObject({
      ok: false,
      error: { code: 'HALTED' },
    });
    await f.call('release', { operator: 'bob', reason: 'Drill over.' });
    await expectRefused({ operator: 'alice', token, confirmation: ARM }, 'TOKEN_USED');
  });

  it('a live reconcile running or unresolved orders → RECONCILE_PENDING; a clean live gate arms, whatever paper says', async () => {
    const token = await issue();
    await f.db
      .insertInto('arming.reconcile_gate')
      .values({ venue: 'live', in_progress: true })
      .execute();
    await expectRefused({ operator: 'alice', token, confirmation: ARM }, 'RECONCILE_PENDING');
    expect(await f.call('status', {})).toMatchObject({
      ok: true,
      result: { reconcileBlocked: true },
    });
    await f.db
      .updateTable('arming.reconcile_gate')
      .set({ in_progress: false, unresolved: 2, last_run_id: 'run-1' })
      .execute();
    await expectRefused({ operator: 'alice', token, confirmation: ARM }, 'RECONCILE_PENDING');
    await f.db.updateTable('arming.reconcile_gate').set({ unresolved: 0 }).execute();
    // The paper venue's runs do not decide about the live account.
    await f.db
      .insertInto('arming.reconcile_gate')
      .values({ venue: 'paper', in_progress: true, unresolved: 4 })
      .execute();
    expect(await f.call('status', {})).toMatchObject({
      ok: true,
      result: { reconcileBlocked: false },
    });
    expect((await f.call('confirm', { operator: 'alice', token, confirmation: ARM })).ok).toBe(
      true,
    );
    await f.call('disarm', { operator: 'alice' });
  });
});
