import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, errorOf, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly security: unknown[] | undefined;
  readonly hasBody: boolean;
}

async function operations(f: GatewayFixture): Promise<Operation[]> {
  const res = await f.http('/api/openapi.json');
  expect(res.status).toBe(200);
  const doc = (await res.json()) as {
    paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      security: op.security,
      hasBody: op.requestBody !== undefined,
    })),
  );
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x1');
const PUBLIC = ['GET /healthz', 'GET /readyz', 'POST /api/auth/login'];

describe('gateway - every route in the OpenAPI document', () => {
  let f: GatewayFixture;
  let ops: Operation[];
  beforeAll(async () => {
    f = await startGatewayFixture();
    ops = await operations(f);
  });
  afterAll(async () => {
    await f.close();
  });

  it('documents the whole API, public routes marked with an empty security list', () => {
    expect(ops.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      [
        'GET /api/audit',
        'GET /api/cancels/{cancelId}',
        'GET /api/auth/me',
        'GET /api/live/info',
        'GET /api/mode',
        'GET /api/money/balances',
        'GET /api/money/exposure',
        'GET /api/money/pnl',
        'GET /api/money/pnl/series',
        'GET /api/orders',
        'GET /api/orders/{intentId}',
        'GET /api/orders/{intentId}/events',
        'GET /api/reconcile/external',
        'GET /api/reconcile/last',
        'GET /api/risk/limits',
        'PUT /api/risk/limits',
        'GET /healthz',
        'GET /metrics',
        'GET /readyz',
        'GET /ws',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'POST /api/live/arm',
        'POST /api/live/kill',
        'POST /api/live/release',
        'POST /api/live/start',
        'POST /api/live/stop',
        'POST /api/orders',
        'DELETE /api/orders/{intentId}',
        'POST /api/orders/{intentId}/cancel',
        'POST /api/orders/cancel-all',
        'POST /api/reconcile',
        'POST /api/risk/limits/approve',
        'POST /api/risk/limits/reject',
        'POST /api/risk/resume',
      ].sort(),
    );
    const open = ops.filter((o) => o.security !== undefined && o.security.length === 0);
    expect(open.map((o) => `${o.method} ${o.path}`).sort()).toEqual([...PUBLIC].sort());
  });

  it('answers 401 with the error body on every non-public route without credentials; audits each POST once', async () => {
    const before = await f.auditRows();
    const call = async (op: Operation) => {
      const res = await f.http(concrete(op.path), {
        method: op.method,
        ...(op.hasBody ? { body: {} } : {}),
      });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
      expect(await res.json()).toEqual({
        error: {
          code: 'UNAUTHORIZED',
          message: 'sign in (session cookie) or send an API key (Bearer) first',
        },
      });
    };
    const guarded = ops.filter((op) => !PUBLIC.includes(`${op.method} ${op.path}`));
    for (const op of guarded) await call(op);
    const added = (await f.auditRows()).slice(before.length);
    expect(added.map((r) => [r.kind, r.actor, r.subject]).sort()).toEqual(
      guarded
        .filter((op) => op.method !== 'GET')
        .map((op) => [
          'auth.refused',
          'anonymous',
          `${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`,
        ])
        .sort(),
    );
    for (const op of guarded) await call(op);
    expect(await f.auditRows()).toHaveLength(before.length + added.length);
  });

  it('serves the document and a self-contained docs page without credentials', async () => {
    const page = await f.http('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<code>/api/live/start</code>');
    expect(html).not.toMatch(/<script|<link /);
    expect((await f.http('/api/docs')).status).toBe(200);
  });

  it('answers an unknown path with 404 NOT_FOUND', async () => {
    const res = await f.http('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route GET /api/nope' },
    });
  });
});

describe('gateway - a malformed body on every POST', () => {
  let f: GatewayFixture;
  let cookie: string;
  let key: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('alice', 'operator');
    cookie = await f.login('alice');
    key = await f.apiKey('bot');
  });
  afterAll(async () => {
    await f.close();
  });

  async function streamCounts(): Promise<Record<string, number>> {
    const jsm = await jetstreamManager(f.bus.nc);
    const counts: Record<string, number> = {};
    for (const name of [
      f.bus.streams.orderIntents,
      f.bus.streams.reconcile,
      f.bus.streams.mode,
      f.bus.streams.orderEvents,
    ]) {
      counts[name] = (await jsm.streams.info(name)).state.messages;
    }
    return counts;
  }

  async function tableCounts() {
    const count = async (table: 'auth.sessions' | 'auth.operators' | 'auth.api_keys') =>
      (
        await f.t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    return {
      sessions: await count('auth.sessions'),
      operators: await count('auth.operators'),
      apiKeys: await count('auth.api_keys'),
    };
  }

  it('is refused with 400 (BAD_REQUEST, or TOKEN_MISSING on start); the only thing written is one http.bad_request audit row (none for an anonymous sign-in)', async () => {
    const posts = (await operations(f)).filter((o) => o.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(9);
    const streams = await streamCounts();
    const tables = await tableCounts();
    const bodies: Array<{
      rawBody: string;
      headers?: Record<string, string>;
      message: RegExp;
      startCode?: string;
    }> = [
      { rawBody: '{"broken', message: /^the request could not be read \(Malformed JSON/ },
      {
        rawBody: '{"unexpected":1,"reason":42}',
        message: /^invalid body: /,
        startCode: 'TOKEN_MISSING',
      },
      { rawBody: '[]', message: /^invalid body: / },
      {
        rawBody: 'reason=x',
        headers: { 'content-type': 'text/plain' },
        message: /^the body must be JSON \(Content-Type: application\/json\)$/,
      },
    ];
    for (const op of posts) {
      const asStrategy = op.path === '/api/orders';
      const isLogin = op.path === '/api/auth/login';
      for (const body of bodies) {
        const before = (await f.auditRows()).length;
        const res = await f.http(concrete(op.path), {
          method: 'POST',
          rawBody: body.rawBody,
          headers: { ...(asStrategy ? { 'idempotency-key': 'intent-1' } : {}), ...body.headers },
          ...(asStrategy ? { key } : isLogin ? { origin: ORIGIN } : { cookie }),
        });
        const label = `${op.path} ${body.rawBody}`;
        expect(res.status, label).toBe(400);
        const { error } = (await res.json()) as {
          error: { code: string; message: string; details?: { issues: string[] } };
        };
        const code =
          op.path === '/api/live/start' ? (body.startCode ?? 'BAD_REQUEST') : 'BAD_REQUEST';
        expect(error.code, label).toBe(code);
        expect(error.message, label).toMatch(body.message);
        const added = (await f.auditRows()).slice(before);
        if (isLogin) {
          expect(added, label).toEqual([]);
          continue;
        }
        expect(added, label).toEqual([
          {
            kind: 'http.bad_request',
            actor: asStrategy ? 'key:bot' : 'alice',
            subject: `POST ${concrete(op.path)}`,
            details: {
              code,
              message: error.message,
              issues: error.details?.issues ?? [],
            },
          },
        ]);
      }
    }
    expect(await streamCounts()).toEqual(streams);
    expect(await tableCounts()).toEqual(tables);
  });

  it('lists every problem in details.issues, field by field', async () => {
    const res = await f.http('/api/live/start', {
      method: 'POST',
      cookie,
      body: { token: 'abc', confirmation: 7, extra: true },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { issues: string[] } };
    };
    expect(body.error.code).toBe('TOKEN_MALFORMED');
    expect(body.error.details.issues).toEqual([
      'token: must be 64 lowercase hex characters',
      'confirmation: Invalid input: expected string, received number',
      'Unrecognized key: "extra"',
    ]);
    expect(body.error.message).toBe(
      'invalid body: token: must be 64 lowercase hex characters (and 2 more)',
    );
  });

  it('keeps the message to one sentence of at most 1000 characters', async () => {
    const res = await f.http('/api/live/arm', {
      method: 'POST',
      cookie,
      body: { reason: 'ok', ['k'.repeat(1200)]: 1 },
    });
    expect(res.status).toBe(400);
    const { message } = await errorOf(res);
    expect(message).toHaveLength(1000);
    expect(message.endsWith('...')).toBe(true);
  });

  it('refuses a body over 64 KiB as a bad request', async () => {
    const res = await f.http('/api/live/arm', {
      method: 'POST',
      cookie,
      body: { reason: 'x'.repeat(70_000) },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe('the body is larger than 65536 bytes');
  });

  it('refuses a bad query string and a bad path parameter the same way', async () => {
    const query = await f.http('/api/audit?limit=0&kind=Bad', { cookie });
    expect(query.status).toBe(400);
    expect((await errorOf(query)).details?.issues).toEqual([
      'kind: must be an audit kind ("auth.login") or a prefix ending in ".*" ("auth.*")',
      'limit: Too small: expected number to be >=1',
    ]);
    const param = await f.http('/api/orders/bad%20id', { cookie });
    expect(param.status).toBe(400);
    expect((await errorOf(param)).message).toMatch(/^invalid path parameter: intentId: /);
  });
});
