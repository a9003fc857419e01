import { jetstreamManager } from '@nats-io/jetstream';
import { orderCancelSchema } from '@livegate/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

/** Issue 13: a strategy cancels its own orders, an operator any one (with a reason) or a symbol's. */
describe('gateway - cancels', () => {
  let f: GatewayFixture;
  let momentum: string;
  let meanrev: string;
  let operator: string;
  let viewer: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    momentum = await f.apiKey('momentum-key', 'momentum');
    meanrev = await f.apiKey('meanrev-key', 'meanrev');
    await f.addOperator('olga', 'operator');
    await f.addOperator('victor', 'viewer');
    operator = await f.login('olga');
    viewer = await f.login('victor');
    const row = (id: string, source: string, state: string, symbol = 'BTCUSDT', mode = 'paper') =>
      sql`insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue, source,
        symbol, side, type, quantity, price, time_in_force, intent_created_at, state)
      values (${id}, ${'a'.repeat(64)}, ${`c-${id}-${source}`}, ${mode}, 'sim', ${source}, ${symbol},
        'BUY', 'LIMIT', 0.01, 30000, 'GTC', now(), ${state})`.execute(f.t.db);
    await row('mo-open', 'momentum', 'NEW');
    await row('mo-filled', 'momentum', 'FILLED');
    await row('mr-open', 'meanrev', 'PARTIALLY_FILLED');
    await row('mr-eth', 'meanrev', 'NEW', 'ETHUSDT');
    await row('mr-live', 'meanrev', 'NEW', 'BTCUSDT', 'live');
  });
  afterAll(async () => {
    await f.close();
  });

  /** The cancel messages on orders.cancel.<source>, with their message ids. */
  async function cancels(source: string) {
    const jsm = await jetstreamManager(f.bus.nc);
    const info = await jsm.streams.info(f.bus.streams.orderIntents);
    const out: Array<{ msgId: string; body: ReturnType<typeof orderCancelSchema.parse> }> = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
      const m = await jsm.streams.getMessage(f.bus.streams.orderIntents, { seq }).catch(() => null);
      if (m?.subject === f.bus.subjects.orderCancel(source))
        out.push({ msgId: m.header.get('Nats-Msg-Id'), body: orderCancelSchema.parse(m.json()) });
    }
    return out;
  }

  const del = (key: string, path: string, headers: Record<string, string> = {}) =>
    f.http(path, { method: 'DELETE', key, headers });

  it("publishes a strategy's cancel of its own open order; a retry with the same Idempotency-Key is one cancel", async () => {
    const res = await del(momentum, '/api/orders/mo-open', { 'idempotency-key': 'cx-1' });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      intentId: 'mo-open',
      source: 'momentum',
      cancelId: 'cx-1',
      state: 'NEW',
      final: false,
      duplicate: false,
      message: expect.stringContaining('at GET /api/cancels/cx-1'),
    });
    const again = await del(momentum, '/api/orders/mo-open', { 'idempotency-key': 'cx-1' });
    expect(await again.json()).toMatchObject({ duplicate: true });
    const sent = await cancels('momentum');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      msgId: 'cancel:momentum:cx-1',
      body: { intentId: 'mo-open', source: 'momentum', requestedBy: { kind: 'strategy' } },
    });
    const fresh = await del(momentum, '/api/orders/mo-open');
    expect(((await fresh.json()) as { cancelId: string }).cancelId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a finished order with its final state and publishes nothing', async () => {
    const before = (await cancels('momentum')).length;
    const res = await del(momentum, '/api/orders/mo-filled');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'FILLED', final: true });
    expect(await cancels('momentum')).toHaveLength(before);
  });

  it("refuses another source's order (SOURCE_FORBIDDEN) and an unknown one (NOT_FOUND), publishing nothing", async () => {
    const forbidden = await del(momentum, '/api/orders/mr-open?source=meanrev');
    expect(forbidden.status).toBe(403);
    expect(await errorOf(forbidden)).toEqual({
      code: 'SOURCE_FORBIDDEN',
      message: 'this API key cancels orders of source "momentum" only, not "meanrev"',
    });
    const hidden = await del(momentum, '/api/orders/mr-open');
    expect(hidden.status).toBe(404);
    expect(await errorOf(hidden)).toEqual({
      code: 'NOT_FOUND',
      message: 'no order of source momentum with intentId mr-open',
    });
    const unknown = await del(meanrev, '/api/orders/never-sent');
    expect(unknown.status).toBe(404);
    expect(await cancels('meanrev')).toEqual([]);
  });

  it('lets an operator cancel one order with a reason, audited; without a reason it is refused', async () => {
    const res = await f.http('/api/orders/mr-open/cancel', {
      method: 'POST',
      cookie: operator,
      body: { reason: 'Stuck order.' },
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { cancelId: string };
    const [sent] = await cancels('meanrev');
    expect(sent?.body).toMatchObject({
      cancelId: body.cancelId,
      requestedBy: { kind: 'operator', operator: 'olga' },
      reason: 'Stuck order.',
    });
    expect((await f.auditRows()).at(-1)).toMatchObject({
      kind: 'order.cancel_requested',
      actor: 'olga',
      subject: 'meanrev/mr-open',
      details: { reason: 'Stuck order.', cancelId: body.cancelId, state: 'PARTIALLY_FILLED' },
    });
    const finished = await f.http('/api/orders/mo-filled/cancel', {
      method: 'POST',
      cookie: operator,
      body: { reason: 'Check.', source: 'momentum' },
    });
    expect(finished.status).toBe(200);
    expect((await f.auditRows()).at(-1)).toMatchObject({
      kind: 'order.cancel_requested',
      details: { final: true, state: 'FILLED' },
    });
    const missing = await f.http('/api/orders/mr-open/cancel', {
      method: 'POST',
      cookie: operator,
      body: {},
    });
    expect(missing.status).toBe(400);
    const unknown = await f.http('/api/orders/nope/cancel', {
      method: 'POST',
      cookie: operator,
      body: { reason: 'x' },
    });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({
      code: 'NOT_FOUND',
      message: 'no order with intentId nope',
    });
  });

  it('answers CONFLICT when strategies share the intentId and no source is named', async () => {
    await sql`insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue,
      source, symbol, side, type, quantity, price, time_in_force, intent_created_at, state)
      values ('mo-open', ${'b'.repeat(64)}, 'c-shared', 'paper', 'sim', 'meanrev', 'SOLUSDT', 'BUY',
      'LIMIT', 1, 10, 'GTC', now(), 'NEW')`.execute(f.t.db);
    const res = await f.http('/api/orders/mo-open/cancel', {
      method: 'POST',
      cookie: operator,
      body: { reason: 'x' },
    });
    expect(res.status).toBe(409);
  });

  it('cancels every open order of a symbol (one mode when asked), audited', async () => {
    const res = await f.http('/api/orders/cancel-all', {
      method: 'POST',
      cookie: operator,
      body: { symbol: 'BTCUSDT', mode: 'paper', reason: 'Flatten BTC.' },
    });
    expect(res.status).toBe(202);
    const { requested } = (await res.json()) as { requested: Array<{ intentId: string }> };
    expect(requested.map((r) => r.intentId).sort()).toEqual(['mo-open', 'mr-open']);
    expect((await f.auditRows()).at(-1)).toMatchObject({
      kind: 'order.cancel_all_requested',
      actor: 'olga',
      subject: 'BTCUSDT',
      details: { reason: 'Flatten BTC.', mode: 'paper' },
    });
    const all = await f.http('/api/orders/cancel-all', {
      method: 'POST',
      cookie: operator,
      body: { symbol: 'BTCUSDT', reason: 'Flatten BTC everywhere.' },
    });
    const every = (await all.json()) as { requested: Array<{ intentId: string }> };
    expect(every.requested.map((r) => r.intentId).sort()).toEqual([
      'mo-open',
      'mr-live',
      'mr-open',
    ]);
  });

  it('refuses viewers, API keys and anonymous callers on the operator routes, and operators on DELETE', async () => {
    const body = { reason: 'x', symbol: 'BTCUSDT' };
    for (const path of ['/api/orders/mr-open/cancel', '/api/orders/cancel-all']) {
      const b = path.endsWith('cancel-all') ? body : { reason: 'x' };
      expect((await f.http(path, { method: 'POST', cookie: viewer, body: b })).status).toBe(403);
      expect((await f.http(path, { method: 'POST', key: momentum, body: b })).status).toBe(403);
      expect((await f.http(path, { method: 'POST', body: b })).status).toBe(401);
    }
    expect(
      (await f.http('/api/orders/mo-open', { method: 'DELETE', cookie: operator })).status,
    ).toBe(403);
    expect((await f.http('/api/orders/mo-open', { method: 'DELETE' })).status).toBe(401);
  });
});

describe('gateway - cancels when the bus refuses', () => {
  it('answers 503 UNAVAILABLE when the cancel cannot be stored', async () => {
    const f = await startGatewayFixture({ noStreams: true });
    try {
      const key = await f.apiKey('momentum-key', 'momentum');
      await sql`insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue,
        source, symbol, side, type, quantity, price, time_in_force, intent_created_at, state)
        values ('mo-1', ${'a'.repeat(64)}, 'c-mo-1', 'paper', 'sim', 'momentum', 'BTCUSDT', 'BUY',
        'LIMIT', 0.01, 30000, 'GTC', now(), 'NEW')`.execute(f.t.db);
      const res = await f.http('/api/orders/mo-1', { method: 'DELETE', key });
      expect(res.status).toBe(503);
      expect(await errorOf(res)).toEqual({
        code: 'UNAVAILABLE',
        message: 'the bus did not take the cancel; retry',
      });
    } finally {
      await f.close();
    }
  });
});
