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
    expect(await list(alice)).toEqual({ limits: [], pending: [], fourEyes: false });
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
