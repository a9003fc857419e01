import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

const WINDOW_MS = 60_000;
const REASON = { reason: 'Runaway strategy.' };

type AuditRows = Awaited<ReturnType<GatewayFixture['auditRows']>>;

/** Polls until `check` gives a value, failing after `ms`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A counter's value in the Prometheus text, 0 when absent. */
function counter(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

/**
 * Issue 11: refusals the gateway decides on control routes left no audit row, while unauthenticated
 * garbage left one per request forever. Now: one `auth.refused` row per (code, actor, address,
 * route) and minute, one `auth.refused_repeated` with the count once the minute has passed, and
 * noise counted in /metrics only.
 */
describe('gateway - refusals audited, noise counted', () => {
  let f: GatewayFixture;
  let viewer: string;
  let operator: string;
  let key: string;
  beforeAll(async () => {
    f = await startGatewayFixture({
      config: { refusalAudit: { windowS: 60, maxKeys: 5 }, wsHeartbeatMs: 50 },
    });
    await f.addOperator('victor', 'viewer');
    await f.addOperator('alice', 'operator');
    viewer = await f.login('victor');
    operator = await f.login('alice');
    key = await f.apiKey('bot');
    f.clock.advance(WINDOW_MS);
  });
  afterAll(async () => {
    await f.close();
  });

  const added = async (before: AuditRows) => (await f.auditRows()).slice(before.length);

  it('a viewer hammering kill: one auth.refused row now, one auth.refused_repeated with the rest later', async () => {
    const before = await f.auditRows();
    for (let i = 0; i < 40; i++) {
      const res = await f.http('/api/live/kill', {
        method: 'POST',
        cookie: viewer,
        body: REASON,
        forwardedFor: '198.51.100.20',
      });
      expect(res.status).toBe(403);
    }
    expect(await added(before)).toEqual([
      {
        kind: 'auth.refused',
        actor: 'victor',
        subject: 'POST /api/live/kill',
        details: {
          code: 'FORBIDDEN',
          message: 'the viewer role may not POST /api/live/kill',
          address: '198.51.100.20',
          windowStart: f.clock.now().toISOString(),
        },
      },
    ]);
    const windowStart = f.clock.now().toISOString();
    f.clock.advance(WINDOW_MS);
    await f.http('/api/live/arm', { method: 'POST', cookie: viewer, body: REASON });
    const rows = await added(before);
    expect(rows.slice(1)).toEqual([
      {
        kind: 'auth.refused_repeated',
        actor: 'victor',
        subject: 'POST /api/live/kill',
        details: {
          code: 'FORBIDDEN',
          address: '198.51.100.20',
          windowStart,
          windowEnd: f.clock.now().toISOString(),
          count: 39,
        },
      },
      expect.objectContaining({ kind: 'auth.refused', subject: 'POST /api/live/arm' }),
    ]);
  });

  it('audits anonymous arm, kill and disarm, an API key on a control route, and a foreign Origin', async () => {
    f.clock.advance(WINDOW_MS);
    const before = await f.auditRows();
    for (const path of ['/api/live/arm', '/api/live/kill', '/api/live/stop']) {
      const res = await f.http(path, { method: 'POST', body: REASON, forwardedFor: '203.0.113.5' });
      expect(res.status).toBe(401);
    }
    expect((await f.http('/api/live/kill', { method: 'POST', key, body: REASON })).status).toBe(
      403,
    );
    const foreign = await f.http('/api/live/arm', {
      method: 'POST',
      cookie: operator,
      origin: 'http://evil.test',
      body: REASON,
    });
    expect(foreign.status).toBe(403);
    const rows = await added(before);
    expect(
      rows.map((r) => [r.kind, r.actor, r.subject, (r.details as { code: string }).code]),
    ).toEqual([
      ['auth.refused', 'anonymous', 'POST /api/live/arm', 'UNAUTHORIZED'],
      ['auth.refused', 'anonymous', 'POST /api/live/kill', 'UNAUTHORIZED'],
      ['auth.refused', 'anonymous', 'POST /api/live/stop', 'UNAUTHORIZED'],
      ['auth.refused', 'key:bot', 'POST /api/live/kill', 'FORBIDDEN'],
      ['auth.refused', 'alice', 'POST /api/live/arm', 'ORIGIN_REJECTED'],
    ]);
    expect(rows[0]?.details).toMatchObject({ address: '203.0.113.5' });
  });

  it('folds refusals beyond the distinct-key cap of a window into one row per code', async () => {
    f.clock.advance(WINDOW_MS);
    const before = await f.auditRows();
    for (let i = 1; i <= 9; i++) {
      const res = await f.http('/api/live/kill', {
        method: 'POST',
        body: REASON,
        forwardedFor: `192.0.2.${i}`,
      });
      expect(res.status).toBe(401);
    }
    const rows = await added(before);
    expect(rows).toHaveLength(6);
    expect(rows.at(-1)).toEqual({
      kind: 'auth.refused',
      actor: '*',
      subject: '*',
      details: {
        code: 'UNAUTHORIZED',
        message: 'more than 5 kinds of refusal in this window: the rest are counted together',
        windowStart: f.clock.now().toISOString(),
        overflow: true,
      },
    });
  });

  it('writes the closing count on its own timer while the gateway listens', async () => {
    f.clock.advance(WINDOW_MS);
    const before = await f.auditRows();
    for (let i = 0; i < 3; i++) {
      await f.http('/api/reconcile', { method: 'POST', cookie: viewer, body: {} });
    }
    const refused = (await added(before)).filter((r) => r.kind === 'auth.refused');
    expect(refused).toHaveLength(1);
    await f.listen();
    f.clock.advance(WINDOW_MS);
    const repeated = await until('the closing count', async () =>
      (await added(before)).find(
        (r) => r.kind === 'auth.refused_repeated' && r.subject === 'POST /api/reconcile',
      ),
    );
    expect(repeated).toMatchObject({
      actor: 'victor',
      subject: 'POST /api/reconcile',
      details: { code: 'FORBIDDEN', count: 2 },
    });
  });

  it('counts unauthenticated noise in /metrics without writing audit rows', async () => {
    f.clock.advance(WINDOW_MS);
    const before = await f.auditRows();
    for (let i = 0; i < 12; i++) {
      const malformed = await f.http('/api/auth/login', {
        method: 'POST',
        rawBody: '{',
        origin: ORIGIN,
      });
      expect(malformed.status).toBe(400);
      expect(
        (await f.http('/api/orders', { cookie: `livegate_session=${'A'.repeat(43)}` })).status,
      ).toBe(401);
      expect((await f.http('/api/orders', { key: 'lgk_unknown' })).status).toBe(401);
      expect((await f.http('/api/orders')).status).toBe(401);
    }
    expect(await added(before)).toEqual([]);
    const text = await (await f.http('/metrics', { key })).text();
    const noise = 'livegate_gateway_unauthenticated_total';
    expect(counter(text, noise, 'reason="malformed_request"')).toBe(12);
    expect(counter(text, noise, 'reason="bad_session"')).toBe(12);
    expect(counter(text, noise, 'reason="bad_api_key"')).toBe(12);
    expect(counter(text, noise, 'reason="no_credentials"')).toBeGreaterThanOrEqual(12);
    expect(
      counter(
        text,
        'livegate_gateway_refusals_total',
        'code="FORBIDDEN",route="POST /api/live/kill"',
      ),
    ).toBe(41);
  });
});
