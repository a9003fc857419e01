import { jetstreamManager } from '@nats-io/jetstream';
import { sql } from 'kysely';
import { orderIntentSchema } from '@livegate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

const intent = (intentId: string, source: string) => ({
  intentId,
  mode: 'paper',
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.010',
  source,
  createdAt: '2026-03-02T09:00:00.000Z',
});

/**
 * Issue 11: any key could send intents under any `source` (pre-empting another strategy's intentId)
 * and read every order. A key is now one strategy: its source, its orders.
 */
describe('gateway - a strategy key is a strategy', () => {
  let f: GatewayFixture;
  let momentum: string;
  let meanrev: string;
  let cookie: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    momentum = await f.apiKey('momentum-key', 'momentum');
    meanrev = await f.apiKey('meanrev-key', 'meanrev');
    await f.addOperator('victor', 'viewer');
    cookie = await f.login('victor');
    const row = (id: string, source: string, minute: number) => sql`
      insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue, source, symbol,
        side, type, quantity, price, time_in_force, intent_created_at, state, inserted_at)
      values (${id}, ${'a'.repeat(64)}, ${`c-${id}`}, 'paper', 'sim', ${source}, 'BTCUSDT', 'BUY',
        'LIMIT', 0.01, 30000, 'GTC', now(), 'NEW', ${new Date(Date.UTC(2026, 2, 2, 9, minute))})`;
    await row('mo-1', 'momentum', 1).execute(f.t.db);
    await row('mr-1', 'meanrev', 2).execute(f.t.db);
    await row('mo-2', 'momentum', 3).execute(f.t.db);
    // One intent id used by both strategies (the idempotency key is the pair since migration 0017).
    await row('both-1', 'momentum', 4).execute(f.t.db);
    await sql`insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue, source,
      symbol, side, type, quantity, price, time_in_force, intent_created_at, state, inserted_at)
      values ('both-1', ${'b'.repeat(64)}, 'c-both-1-mr', 'paper', 'sim', 'meanrev', 'BTCUSDT', 'SELL',
        'LIMIT', 0.01, 31000, 'GTC', now(), 'NEW', ${new Date(Date.UTC(2026, 2, 2, 9, 5))})`.execute(
      f.t.db,
    );
    const event = (source: string, side: string) =>
      JSON.stringify({
        type: 'order.accepted',
        eventId: `e-${source}`,
        intentId: 'both-1',
        source,
        mode: 'paper',
        venue: 'paper',
        state: 'SUBMITTING',
        clientOrderId: `c-both-1-${side}`,
        at: '2026-03-02T09:04:00.000Z',
      });
    await sql`insert into execution.order_events (intent_id, type, state, payload) values
      ('both-1', 'order.accepted', 'SUBMITTING', ${event('momentum', 'mo')}),
      ('both-1', 'order.accepted', 'SUBMITTING', ${event('meanrev', 'mr')})`.execute(f.t.db);
    await sql`insert into execution.order_events (intent_id, type, state, payload)
      values ('mr-1', 'order.accepted', 'NEW', '{}')`.execute(f.t.db);
  });
  afterAll(async () => {
    await f.close();
  });

  const post = (key: string, body: ReturnType<typeof intent>) =>
    f.http('/api/orders', {
      method: 'POST',
      key,
      body,
      headers: { 'idempotency-key': body.intentId },
    });

  async function msgIdsOn(source: string): Promise<string[]> {
    const jsm = await jetstreamManager(f.bus.nc);
    const info = await jsm.streams.info(f.bus.streams.orderIntents);
    const out: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
      const m = await jsm.streams.getMessage(f.bus.streams.orderIntents, { seq }).catch(() => null);
      if (m?.subject === f.bus.subjects.orderIntent(source)) out.push(m.header.get('Nats-Msg-Id'));
    }
    return out;
  }

  async function stored(source: string): Promise<number> {
    const jsm = await jetstreamManager(f.bus.nc);
    const info = await jsm.streams.info(f.bus.streams.orderIntents, {
      subjects_filter: f.bus.subjects.orderIntent(source),
    });
    return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  }

  it("refuses an intent under another strategy's source with 403 SOURCE_FORBIDDEN, publishing nothing", async () => {
    const res = await post(momentum, intent('pre-empt-1', 'meanrev'));
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({
      code: 'SOURCE_FORBIDDEN',
      message: 'this API key sends intents for source "momentum" only, not "meanrev"',
    });
    expect(await stored('meanrev')).toBe(0);
    expect((await f.auditRows()).at(-1)).toMatchObject({
      kind: 'auth.refused',
      actor: 'key:momentum-key',
      subject: 'POST /api/orders',
      details: { code: 'SOURCE_FORBIDDEN' },
    });
  });

  it("so cannot pre-empt another strategy's intentId: its own intent is then taken", async () => {
    const mine = await post(meanrev, intent('pre-empt-1', 'meanrev'));
    expect(mine.status).toBe(202);
    expect(await mine.json()).toEqual({ intentId: 'pre-empt-1', duplicate: false });
    expect(await stored('meanrev')).toBe(1);
  });

  it('publishes an intent of its own source on orders.intent.<its source>', async () => {
    expect((await post(momentum, intent('own-1', 'momentum'))).status).toBe(202);
    expect(await stored('momentum')).toBe(1);
  });

  it('reads only its own orders: the list, one order, its events; another source is 404', async () => {
    const ids = async (res: Response) =>
      ((await res.json()) as { items: Array<{ intentId: string }> }).items.map((o) => o.intentId);
    expect(await ids(await f.http('/api/orders', { key: momentum }))).toEqual([
      'both-1',
      'mo-2',
      'mo-1',
    ]);
    expect(await ids(await f.http('/api/orders', { key: meanrev }))).toEqual(['both-1', 'mr-1']);
    expect((await f.http('/api/orders/mo-1', { key: momentum })).status).toBe(200);
    const foreign = await f.http('/api/orders/mr-1', { key: momentum });
    expect(foreign.status).toBe(404);
    expect(await errorOf(foreign)).toEqual({
      code: 'NOT_FOUND',
      message: 'no order with intentId mr-1',
    });
    expect((await f.http('/api/orders/mr-1/events', { key: momentum })).status).toBe(404);
    expect((await f.http('/api/orders/mr-1/events', { key: meanrev })).status).toBe(200);
  });

  it('operators and viewers still read every order', async () => {
    const res = await f.http('/api/orders', { cookie });
    const items = ((await res.json()) as { items: Array<{ intentId: string }> }).items;
    expect(items.map((o) => o.intentId)).toEqual(['both-1', 'both-1', 'mo-2', 'mr-1', 'mo-1']);
    expect((await f.http('/api/orders/mr-1', { cookie })).status).toBe(200);
  });

  it('refuses a key issued before sources (none stored) until it is re-issued', async () => {
    const legacy = await f.apiKey('legacy-key', 'legacy');
    await f.t.db
      .updateTable('auth.api_keys')
      .set({ source: null })
      .where('label', '=', 'legacy-key')
      .execute();
    const res = await f.http('/api/auth/me', { key: legacy });
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({
      code: 'UNAUTHORIZED',
      message:
        'this API key was issued without a source; issue a new one with pnpm apikey:add --label <label> --source <source>',
    });
  });

  it('publishes under <source>:<intentId>:<unguessable tag>, so a bus strategy that takes the plain id cannot drop it', async () => {
    // A strategy on the bus (its own subject, any Nats-Msg-Id) takes meanrev's next plain message id.
    await f.bus.publish(
      f.bus.subjects.orderIntent('momentum'),
      orderIntentSchema,
      orderIntentSchema.parse(intent('forged-1', 'momentum')),
      { msgId: 'meanrev:next-1' },
    );
    const first = await post(meanrev, intent('next-1', 'meanrev'));
    expect(await first.json()).toEqual({ intentId: 'next-1', duplicate: false });
    const again = await post(meanrev, intent('next-1', 'meanrev'));
    expect(await again.json()).toEqual({ intentId: 'next-1', duplicate: true });
    const ids = await msgIdsOn('meanrev');
    expect(ids.at(-1)).toMatch(/^meanrev:next-1:[A-Za-z0-9_-]{22}$/);
  });

  it('one order of an intent id two strategies use: ?source= picks it; without it an operator gets 409', async () => {
    const both = await f.http('/api/orders/both-1', { cookie });
    expect(both.status).toBe(409);
    expect(await errorOf(both)).toEqual({
      code: 'CONFLICT',
      message:
        'intentId both-1 is used by 2 sources (meanrev, momentum); ask again with ?source=<source>',
    });
    const mr = await f.http('/api/orders/both-1?source=meanrev', { cookie });
    expect(await mr.json()).toMatchObject({ intentId: 'both-1', source: 'meanrev', side: 'SELL' });
    expect((await f.http('/api/orders/both-1/events', { cookie })).status).toBe(409);
    const events = await f.http('/api/orders/both-1/events?source=momentum', { cookie });
    expect(await events.json()).toMatchObject({
      items: [{ source: 'momentum', clientOrderId: 'c-both-1-mo' }],
    });
    expect((await f.http('/api/orders/mo-1?source=meanrev', { cookie })).status).toBe(404);
    expect((await f.http('/api/orders/both-1?source=no%20such', { cookie })).status).toBe(400);
  });

  it("an API key reads its own of a shared intent id, never the other's (?source= cannot widen it)", async () => {
    const own = await f.http('/api/orders/both-1', { key: meanrev });
    expect(await own.json()).toMatchObject({ source: 'meanrev', side: 'SELL' });
    expect(
      await (await f.http('/api/orders/both-1/events', { key: meanrev })).json(),
    ).toMatchObject({ items: [{ source: 'meanrev' }] });
    expect((await f.http('/api/orders/both-1?source=momentum', { key: meanrev })).status).toBe(404);
    expect(
      (await f.http('/api/orders/both-1/events?source=momentum', { key: meanrev })).status,
    ).toBe(404);
  });
});
