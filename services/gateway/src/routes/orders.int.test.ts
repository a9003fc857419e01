import { jetstreamManager } from '@nats-io/jetstream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

const intent = (intentId: string, over: Record<string, unknown> = {}) => ({
  intentId,
  mode: 'paper',
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.010',
  price: '30000.00',
  timeInForce: 'GTC',
  source: 'momentum',
  createdAt: '2026-03-02T09:00:00.000Z',
  ...over,
});

describe('gateway - POST /api/orders', () => {
  let f: GatewayFixture;
  let key: string;
  let cookie: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    key = await f.apiKey('momentum');
    await f.addOperator('alice', 'operator');
    cookie = await f.login('alice');
  });
  afterAll(async () => {
    await f.close();
  });

  const post = (body: unknown, idempotencyKey?: string) =>
    f.http('/api/orders', {
      method: 'POST',
      key,
      body,
      headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
    });

  it('publishes a valid intent on orders.intent.<source> with Nats-Msg-Id <source>:<key>:<tag>; 202', async () => {
    const res = await post(intent('i-1'), 'i-1');
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ intentId: 'i-1', duplicate: false });
    const jsm = await jetstreamManager(f.bus.nc);
    const stored = await jsm.streams.getMessage(f.bus.streams.orderIntents, {
      last_by_subj: f.bus.subjects.orderIntent('momentum'),
    });
    expect(stored?.header.get('Nats-Msg-Id')).toMatch(/^momentum:i-1:[A-Za-z0-9_-]{22}$/);
    expect(stored?.json()).toEqual(intent('i-1'));
  });

  it('answers a replay of the same key as a duplicate, storing one message', async () => {
    const first = await post(intent('i-2'), 'i-2');
    const again = await post(intent('i-2'), 'i-2');
    expect(await first.json()).toEqual({ intentId: 'i-2', duplicate: false });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ intentId: 'i-2', duplicate: true });
    const jsm = await jetstreamManager(f.bus.nc);
    expect((await jsm.streams.info(f.bus.streams.orderIntents)).state.messages).toBe(2);
  });

  it('requires the Idempotency-Key header, equal to the body intentId (400, audited)', async () => {
    const missing = await post(intent('i-3'));
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toMatch(/^invalid headers: idempotency-key: required/);
    const differs = await post(intent('i-3'), 'i-4');
    expect(differs.status).toBe(400);
    expect(await differs.json()).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'intentId in the body differs from the Idempotency-Key header',
        details: { issues: ['intentId: must equal the Idempotency-Key header'] },
      },
    });
    expect((await f.auditRows()).slice(-2).map((r) => [r.kind, r.actor])).toEqual([
      ['http.bad_request', 'key:momentum'],
      ['http.bad_request', 'key:momentum'],
    ]);
  });

  it('validates the intent with the contract (a LIMIT without a price is refused)', async () => {
    const res = await post(intent('i-5', { price: undefined }), 'i-5');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.issues).toEqual(['price: required for a LIMIT order']);
  });

  it('is for API keys only: an operator session gets 403', async () => {
    const res = await f.http('/api/orders', {
      method: 'POST',
      cookie,
      body: intent('i-6'),
      headers: { 'idempotency-key': 'i-6' },
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('FORBIDDEN');
  });
});

describe('gateway - orders and reconcile when the bus refuses', () => {
  it('answer 503 UNAVAILABLE when the intent or the reconcile request cannot be stored', async () => {
    const f = await startGatewayFixture({ noStreams: true });
    try {
      const key = await f.apiKey('momentum');
      const res = await f.http('/api/orders', {
        method: 'POST',
        key,
        body: intent('i-9'),
        headers: { 'idempotency-key': 'i-9' },
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: {
          code: 'UNAVAILABLE',
          message: 'the bus did not take the intent; retry with the same Idempotency-Key',
        },
      });
      await f.addOperator('alice');
      const cookie = await f.login('alice');
      const reconcile = await f.http('/api/reconcile', { method: 'POST', cookie, body: {} });
      expect(reconcile.status).toBe(503);
      expect((await errorOf(reconcile)).code).toBe('UNAVAILABLE');
      expect((await f.auditRows()).map((r) => r.kind)).not.toContain('reconcile.requested');
    } finally {
      await f.close();
    }
  });
});

describe('gateway - GET /api/orders', () => {
  let f: GatewayFixture;
  let cookie: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('victor', 'viewer');
    cookie = await f.login('victor');
    const row = (id: string, state: string, mode: string, minute: number) => sql`
      insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue, source, symbol,
        side, type, quantity, price, time_in_force, intent_created_at, state, inserted_at)
      values (${id}, ${'a'.repeat(64)}, ${`c-${id}`}, ${mode}, 'sim', 'momentum', 'BTCUSDT', 'BUY',
        'LIMIT', 0.01, 30000, 'GTC', now(), ${state}, ${new Date(Date.UTC(2026, 2, 2, 9, minute))})`;
    await row('o-1', 'FILLED', 'paper', 1).execute(f.t.db);
    await row('o-2', 'NEW', 'live', 2).execute(f.t.db);
    await row('o-3', 'NEW', 'paper', 3).execute(f.t.db);
  });
  afterAll(async () => {
    await f.close();
  });

  const ids = async (res: Response) =>
    ((await res.json()) as { items: Array<{ intentId: string }> }).items.map((o) => o.intentId);

  it('lists orders newest first, filtered by state and mode, paged', async () => {
    expect(await ids(await f.http('/api/orders', { cookie }))).toEqual(['o-3', 'o-2', 'o-1']);
    expect(await ids(await f.http('/api/orders?state=NEW', { cookie }))).toEqual(['o-3', 'o-2']);
    expect(await ids(await f.http('/api/orders?state=NEW&mode=live', { cookie }))).toEqual(['o-2']);
    expect(await ids(await f.http('/api/orders?limit=1&offset=1', { cookie }))).toEqual(['o-2']);
  });

  it('returns one order by intentId with camelCase columns, or 404', async () => {
    const res = await f.http('/api/orders/o-2', { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      intentId: 'o-2',
      state: 'NEW',
      mode: 'live',
      clientOrderId: 'c-o-2',
      quantity: '0.01',
      insertedAt: '2026-03-02T09:02:00.000Z',
    });
    const missing = await f.http('/api/orders/o-404', { cookie });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no order with intentId o-404' },
    });
  });

  it('lists the stored events of an intent, oldest first, leaving out rows that break the contract', async () => {
    const accepted = {
      type: 'order.accepted',
      eventId: 'e1',
      intentId: 'o-2',
      source: 'momentum',
      mode: 'live',
      state: 'SUBMITTING',
      at: '2026-03-02T09:02:00.000Z',
    };
    const submitted = { ...accepted, type: 'order.submitted', eventId: 'e2', state: 'NEW' };
    for (const [type, state, payload] of [
      ['order.accepted', 'SUBMITTING', accepted],
      ['order.updated', 'NEW', { broken: true, source: 'momentum' }],
      ['order.submitted', 'NEW', submitted],
    ] as const) {
      await sql`insert into execution.order_events (intent_id, type, state, payload)
        values ('o-2', ${type}, ${state}, ${JSON.stringify(payload)})`.execute(f.t.db);
    }
    const res = await f.http('/api/orders/o-2/events', { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [accepted, submitted] });
    expect(await (await f.http('/api/orders/o-9/events', { cookie })).json()).toEqual({
      items: [],
    });
  });

  it('reads defensively: an empty list and 404 without the table, and filters only on columns it has (a key sees nothing without a source column)', async () => {
    await sql`drop schema execution cascade`.execute(f.t.db);
    expect(await (await f.http('/api/orders/o-2/events', { cookie })).json()).toEqual({
      items: [],
    });
    expect(
      await (await f.http('/api/orders/o-2/events?source=momentum', { cookie })).json(),
    ).toEqual({ items: [] });
    expect(await ids(await f.http('/api/orders', { cookie }))).toEqual([]);
    expect((await f.http('/api/orders/o-1', { cookie })).status).toBe(404);
    await sql`create schema execution`.execute(f.t.db);
    await sql`create table execution.orders (intent_id text primary key, note text)`.execute(
      f.t.db,
    );
    // What a migration creating the schema would grant the gateway's role.
    await sql`grant usage on schema execution to livegate_gateway`.execute(f.t.db);
    await sql`grant select on execution.orders to livegate_gateway`.execute(f.t.db);
    await sql`insert into execution.orders values ('b', 'x'), ('a', 'y')`.execute(f.t.db);
    expect(await ids(await f.http('/api/orders', { cookie }))).toEqual(['a', 'b']);
    expect(await ids(await f.http('/api/orders?state=NEW', { cookie }))).toEqual([]);
    await sql`alter table execution.orders add column created_at timestamptz`.execute(f.t.db);
    await sql`update execution.orders set created_at = now() - interval '1 hour' where intent_id = 'a'`.execute(
      f.t.db,
    );
    await sql`update execution.orders set created_at = now() where intent_id = 'b'`.execute(f.t.db);
    expect(await ids(await f.http('/api/orders', { cookie }))).toEqual(['b', 'a']);
    expect(await (await f.http('/api/orders/a', { cookie })).json()).toMatchObject({
      intentId: 'a',
      note: 'y',
    });
    const key = await f.apiKey('bot');
    expect(await ids(await f.http('/api/orders', { key }))).toEqual([]);
    expect((await f.http('/api/orders/a', { key })).status).toBe(404);
    expect((await f.http('/api/orders/a/events', { key })).status).toBe(404);
  });
});
