import { riskLimitListSchema } from '@livegate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

const change = (patch: Record<string, unknown> = {}) => ({
  venue: 'live',
  source: 'alpha',
  kind: 'max_position',
  asset: 'BTC',
  value: '1.5',
  reason: 'Position cap for the live trial.',
  ...patch,
});

describe('gateway - GET/PUT /api/risk/limits', () => {
  let f: GatewayFixture;
  let alice: string;
  let viewer: string;
  let key: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('alice', 'operator');
    await f.addOperator('victor', 'viewer');
    alice = await f.login('alice');
    viewer = await f.login('victor');
    key = await f.apiKey('bot');
  });
  afterAll(async () => {
    await f.close();
  });

  const list = async (cookie: string) => {
    const res = await f.http('/api/risk/limits', { cookie });
    expect(res.status).toBe(200);
    return riskLimitListSchema.parse(await res.json());
  };
  const put = (body: unknown, credentials: { cookie?: string; key?: string } = { cookie: alice }) =>
    f.http('/api/risk/limits', { method: 'PUT', body, ...credentials });

  it('lists nothing at first: no limit is set', async () => {
    expect(await list(alice)).toEqual({ limits: [], pending: [], paused: [], fourEyes: false });
  });

  it('an operator sets, changes and removes a limit; each change is audited with the values', async () => {
    const set = await put(change());
    expect(set.status).toBe(200);
    const limit = {
      venue: 'live',
      source: 'alpha',
      kind: 'max_position',
      asset: 'BTC',
      value: '1.5',
      updatedBy: 'alice',
      updatedAt: expect.any(String),
    };
    expect(await set.json()).toEqual({ limit });
    expect(
      (await put(change({ kind: 'max_open_orders', asset: undefined, value: '3' }))).status,
    ).toBe(200);
    expect((await put(change({ value: '2.25' }))).status).toBe(200);
    const shown = await list(alice);
    expect(shown.limits.map((l) => [l.kind, l.asset, l.value])).toEqual([
      ['max_open_orders', null, '3'],
      ['max_position', 'BTC', '2.25'],
    ]);
    const removed = await put(change({ value: null }));
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ limit: null });
    expect((await list(alice)).limits.map((l) => l.kind)).toEqual(['max_open_orders']);
    const rows = (await f.auditRows()).filter((r) => r.kind === 'risk.limit_changed');
    expect(rows).toHaveLength(4);
    expect(rows.at(-1)).toMatchObject({
      actor: 'alice',
      subject: 'live/alpha/max_position/BTC',
      details: {
        venue: 'live',
        source: 'alpha',
        kind: 'max_position',
        asset: 'BTC',
        from: '2.25',
        to: null,
        reason: 'Position cap for the live trial.',
      },
    });
  });

  it('sets and removes a venue default (source *); another pattern is refused', async () => {
    const set = await put(change({ source: '*', value: '0.1' }));
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ limit: { source: '*', value: '0.1' } });
    expect((await put(change({ source: '*a' }))).status).toBe(400);
    expect((await put(change({ source: '*', value: null }))).status).toBe(200);
    expect((await list(alice)).limits.filter((l) => l.source === '*')).toEqual([]);
  });

  it('lists a paused strategy; an operator resumes it (audited with the reason); a second resume is 404', async () => {
    await f.t.db
      .insertInto('risk.paused')
      .values({
        venue: 'live',
        source: 'gamma',
        breaches: 3,
        reason: '3 risk limit breaches within 60 s',
      })
      .execute();
    expect((await list(alice)).paused).toEqual([
      {
        venue: 'live',
        source: 'gamma',
        breaches: 3,
        reason: '3 risk limit breaches within 60 s',
        pausedAt: expect.any(String),
      },
    ]);
    const resume = (credentials: { cookie?: string; key?: string }, body: unknown) =>
      f.http('/api/risk/resume', { method: 'POST', body, ...credentials });
    const body = { venue: 'live', source: 'gamma', reason: 'Limits fixed with the desk.' };
    expect((await resume({ cookie: viewer }, body)).status).toBe(403);
    expect((await resume({ key }, body)).status).toBe(403);
    expect((await resume({ cookie: alice }, { venue: 'live', source: 'gamma' })).status).toBe(400);
    const ok = await resume({ cookie: alice }, body);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ resumed: { source: 'gamma', breaches: 3 } });
    expect((await list(alice)).paused).toEqual([]);
    const again = await resume({ cookie: alice }, body);
    expect(again.status).toBe(404);
    expect((await errorOf(again)).code).toBe('NOT_FOUND');
    const audits = (await f.auditRows()).filter((r) => r.kind === 'risk.strategy_resumed');
    expect(audits).toEqual([
      expect.objectContaining({
        actor: 'alice',
        subject: 'live/gamma',
        details: expect.objectContaining({ reason: 'Limits fixed with the desk.', breaches: 3 }),
      }),
    ]);
  });

  it('refuses a change that does not parse, naming the problem, and changes nothing', async () => {
    const before = await list(alice);
    const res = await put(
      change({ kind: 'max_orders_per_second', asset: undefined, value: '1.5' }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await errorOf(res))).toContain(
      'max_orders_per_second must be a whole number',
    );
    expect((await put(change({ asset: undefined }))).status).toBe(400);
    expect((await put(change({ value: 1 }))).status).toBe(400);
    expect(await list(alice)).toEqual(before);
  });

  it('refuses viewers and API keys (403) and anonymous callers (401), reads too; changes nothing', async () => {
    const before = await list(alice);
    const asViewer = await put(change({ value: '9' }), { cookie: viewer });
    expect(asViewer.status).toBe(403);
    expect((await errorOf(asViewer)).code).toBe('FORBIDDEN');
    const asKey = await put(change({ value: '9' }), { key });
    expect(asKey.status).toBe(403);
    expect((await f.http('/api/risk/limits', { key })).status).toBe(403);
    expect((await f.http('/api/risk/limits', { cookie: viewer })).status).toBe(403);
    expect((await put(change({ value: '9' }), {})).status).toBe(401);
    expect((await f.http('/api/risk/limits')).status).toBe(401);
    expect(await list(alice)).toEqual(before);
    const refused = (await f.auditRows()).filter(
      (r) => r.kind === 'auth.refused' && r.subject === 'PUT /api/risk/limits',
    );
    expect(refused.map((r) => r.actor).sort()).toEqual(
      expect.arrayContaining(['anonymous', 'victor']),
    );
  });
});

describe('gateway - risk limit changes under four-eyes (ARM_REQUIRE_SECOND_OPERATOR=true)', () => {
  let f: GatewayFixture;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    f = await startGatewayFixture({ config: { riskFourEyes: true } });
    await f.addOperator('alice', 'operator');
    await f.addOperator('bob', 'operator');
    alice = await f.login('alice');
    bob = await f.login('bob');
  });
  afterAll(async () => {
    await f.close();
  });

  const limits = async () =>
    riskLimitListSchema.parse(await (await f.http('/api/risk/limits', { cookie: alice })).json());
  const approve = (id: string, cookie: string) =>
    f.http('/api/risk/limits/approve', { method: 'POST', cookie, body: { proposalId: id } });

  it('a change is only proposed; the proposer cannot approve it, another operator applies it once', async () => {
    const proposed = await f.http('/api/risk/limits', {
      method: 'PUT',
      cookie: alice,
      body: change({ value: '0.5' }),
    });
    expect(proposed.status).toBe(202);
    const { proposal } = (await proposed.json()) as { proposal: { id: string } };
    expect(proposal).toMatchObject({ kind: 'max_position', value: '0.5', proposedBy: 'alice' });
    let shown = await limits();
    expect(shown).toMatchObject({ limits: [], fourEyes: true });
    expect(shown.pending.map((p) => p.id)).toEqual([proposal.id]);

    const own = await approve(proposal.id, alice);
    expect(own.status).toBe(403);
    expect((await errorOf(own)).code).toBe('SECOND_OPERATOR_REQUIRED');
    expect((await limits()).limits).toEqual([]);

    const ok = await approve(proposal.id, bob);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ limit: { value: '0.5', updatedBy: 'bob' } });
    shown = await limits();
    expect(shown.pending).toEqual([]);
    expect(shown.limits.map((l) => l.value)).toEqual(['0.5']);

    const again = await approve(proposal.id, bob);
    expect(again.status).toBe(409);
    expect((await approve('999999', bob)).status).toBe(404);
    expect((await approve('not-an-id', bob)).status).toBe(404);

    const count = await f.http('/api/risk/limits', {
      method: 'PUT',
      cookie: bob,
      body: change({ kind: 'max_open_orders', asset: undefined, value: '4' }),
    });
    const pending = (await count.json()) as { proposal: { id: string; asset: null } };
    expect(pending.proposal.asset).toBeNull();
    expect(await (await approve(pending.proposal.id, alice)).json()).toMatchObject({
      limit: { kind: 'max_open_orders', asset: null, value: '4', updatedBy: 'alice' },
    });

    const kinds = (await f.auditRows())
      .filter((r) => r.kind.startsWith('risk.'))
      .map((r) => [r.kind, r.actor]);
    expect(kinds).toEqual([
      ['risk.limit_proposed', 'alice'],
      ['risk.limit_refused', 'alice'],
      ['risk.limit_changed', 'bob'],
      ['risk.limit_proposed', 'bob'],
      ['risk.limit_changed', 'alice'],
    ]);
  });
  const reject = (id: string, cookie: string, reason = 'Not what we agreed.') =>
    f.http('/api/risk/limits/reject', { method: 'POST', cookie, body: { proposalId: id, reason } });
  const propose = async (cookie: string, patch: Record<string, unknown>) => {
    const res = await f.http('/api/risk/limits', { method: 'PUT', cookie, body: change(patch) });
    expect(res.status).toBe(202);
    return ((await res.json()) as { proposal: { id: string } }).proposal.id;
  };

  it('a proposal is withdrawn by its proposer or rejected by another operator; either is final and audited', async () => {
    const before = (await limits()).limits;
    const mine = await propose(alice, { source: 'beta', value: '0.25' });
    const withdrawn = await reject(mine, alice, 'Typo in the value.');
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({
      proposal: { id: mine, value: '0.25', proposedBy: 'alice' },
      decision: 'withdrawn',
    });
    const theirs = await propose(alice, { source: 'beta', value: '9' });
    const rejected = await reject(theirs, bob, 'Far too large for the trial.');
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ decision: 'rejected' });

    const shown = await limits();
    expect(shown.pending).toEqual([]);
    expect(shown.limits).toEqual(before);
    expect((await approve(mine, bob)).status).toBe(409);
    expect((await reject(theirs, alice)).status).toBe(409);
    expect((await reject('999999', bob)).status).toBe(404);
    expect((await reject('not-an-id', bob)).status).toBe(404);
    const count = await propose(bob, { kind: 'max_open_orders', asset: undefined, value: '2' });
    expect(await (await reject(count, bob)).json()).toMatchObject({
      proposal: { asset: null },
      decision: 'withdrawn',
    });
    const bad = await f.http('/api/risk/limits/reject', {
      method: 'POST',
      cookie: bob,
      body: { proposalId: theirs },
    });
    expect(bad.status).toBe(400);

    const audits = (await f.auditRows())
      .filter((r) => r.kind === 'risk.limit_withdrawn' || r.kind === 'risk.limit_rejected')
      .map((r) => [r.kind, r.actor, (r.details as { reason: string }).reason]);
    expect(audits).toEqual([
      ['risk.limit_withdrawn', 'alice', 'Typo in the value.'],
      ['risk.limit_rejected', 'bob', 'Far too large for the trial.'],
      ['risk.limit_withdrawn', 'bob', 'Not what we agreed.'],
    ]);
  });
});
