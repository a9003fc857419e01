import { reconcileRequestSchema } from '@livegate/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { appendAudit } from '@livegate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

describe('gateway - POST /api/reconcile and GET /api/audit', () => {
  let f: GatewayFixture;
  let alice: string;
  let victor: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('alice', 'operator');
    await f.addOperator('victor', 'viewer');
    alice = await f.login('alice');
    victor = await f.login('victor');
  });
  afterAll(async () => {
    await f.close();
  });

  it('publishes reconcile.request (trigger operator, requestedBy) and audits it; 202 with the requestId', async () => {
    const res = await f.http('/api/reconcile', {
      method: 'POST',
      cookie: alice,
      body: { venue: 'live' },
    });
    expect(res.status).toBe(202);
    const { requestId } = (await res.json()) as { requestId: string };
    const jsm = await jetstreamManager(f.bus.nc);
    const stored = await jsm.streams.getMessage(f.bus.streams.reconcile, {
      last_by_subj: f.bus.subjects.reconcileRequest,
    });
    expect(reconcileRequestSchema.parse(stored?.json())).toEqual({
      requestId,
      trigger: 'operator',
      venue: 'live',
      requestedBy: 'alice',
      at: '2026-03-02T09:00:00.000Z',
    });
    expect((await f.auditRows()).at(-1)).toEqual({
      kind: 'reconcile.requested',
      actor: 'alice',
      subject: requestId,
      details: { venue: 'live' },
    });
    const all = await f.http('/api/reconcile', { method: 'POST', cookie: alice });
    expect(all.status).toBe(202);
    expect((await f.auditRows()).at(-1)?.details).toEqual({});
  });

  it('refuses a viewer (403), audited as an auth.refused row', async () => {
    const before = (await f.auditRows()).length;
    const res = await f.http('/api/reconcile', { method: 'POST', cookie: victor, body: {} });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'FORBIDDEN', message: 'the viewer role may not POST /api/reconcile' },
    });
    expect((await f.auditRows()).slice(before)).toEqual([
      {
        kind: 'auth.refused',
        actor: 'victor',
        subject: 'POST /api/reconcile',
        details: {
          code: 'FORBIDDEN',
          message: 'the viewer role may not POST /api/reconcile',
          windowStart: expect.any(String),
        },
      },
    ]);
  });

  it('pages the audit log newest first and filters by exact kind or prefix', async () => {
    for (const kind of ['test.a', 'test.b', 'test_x.c', 'testxb.c']) {
      await appendAudit(f.t.db, { kind, actor: 'sys', details: { kind } });
    }
    const page = async (query: string) => {
      const res = await f.http(`/api/audit${query}`, { cookie: victor });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        items: Array<{ id: string; kind: string }>;
        nextBefore: string | null;
      };
    };
    const first = await page('?limit=2');
    expect(first.items.map((i) => i.kind)).toEqual(['testxb.c', 'test_x.c']);
    expect(first.nextBefore).toBe(first.items[1]?.id);
    const second = await page(`?limit=2&before=${first.nextBefore}`);
    expect(second.items.map((i) => i.kind)).toEqual(['test.b', 'test.a']);
    expect((await page('?kind=test.b')).items.map((i) => i.kind)).toEqual(['test.b']);
    expect((await page('?kind=test.*')).items.map((i) => i.kind)).toEqual(['test.b', 'test.a']);
    expect((await page('?kind=test_x.*')).items.map((i) => i.kind)).toEqual(['test_x.c']);
    const all = await page('');
    expect(all.nextBefore).toBeNull();
    expect(all.items.at(-1)).toMatchObject({
      kind: 'auth.operator_added',
      actor: 'cli',
      subject: 'alice',
    });
    expect(all.items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      kind: 'testxb.c',
      actor: 'sys',
      details: { kind: 'testxb.c' },
      at: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('is for dashboard roles: an API key gets 403 on the audit log', async () => {
    const key = await f.apiKey('bot');
    expect((await f.http('/api/audit', { key })).status).toBe(403);
  });
});
