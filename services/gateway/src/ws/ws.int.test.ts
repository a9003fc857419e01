import {
  modeChangedSchema,
  orderEventSchema,
  reconcileCompletedSchema,
  type ReconcileCompleted,
  type WsFrame,
  type WsFrameOf,
} from '@livegate/contracts';
import { publishBalancesStored } from '@livegate/bus';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ORIGIN, PASSWORD, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';
import { connectWs } from '../../test/ws-client.js';

const at = '2026-03-02T09:00:00.000Z';
const report = (runId: string): ReconcileCompleted => ({
  runId,
  trigger: 'interval',
  venue: 'paper',
  startedAt: at,
  finishedAt: at,
  durationMs: 0,
  rowsChecked: 1,
  rowsChanged: {},
  fillsAdded: 0,
  externalOrders: 0,
  unresolved: 0,
  errors: [],
});
const is =
  <T extends WsFrame['type']>(type: T) =>
  (frame: WsFrame): frame is WsFrameOf<T> =>
    frame.type === type;

describe('gateway - websocket /ws', () => {
  let f: GatewayFixture;
  afterEach(async () => {
    await f.close();
  });

  async function ready(options: Parameters<typeof startGatewayFixture>[0] = {}) {
    f = await startGatewayFixture(options);
    await f.addOperator('alice', 'operator');
    await f.addOperator('victor', 'viewer');
    const running = await f.listen();
    return { url: running.url, cookie: await f.login('victor') };
  }

  it('refuses an upgrade without a session, from a foreign or missing Origin, or with an API key', async () => {
    const { url, cookie } = await ready();
    await expect(connectWs(url, { origin: ORIGIN })).rejects.toThrow('HTTP 401');
    await expect(connectWs(url, { cookie, origin: 'http://evil.test' })).rejects.toThrow(
      'HTTP 403',
    );
    await expect(connectWs(url, { cookie })).rejects.toThrow('HTTP 403');
    const key = await f.apiKey('bot');
    await expect(
      connectWs(url, { origin: ORIGIN, headers: { authorization: `Bearer ${key}` } }),
    ).rejects.toThrow('HTTP 403');
    const plain = await f.http('/ws', { cookie });
    expect(plain.status).toBe(426);
  });

  it('sends a snapshot first (mode null while arming is down, the session, the last reconcile report)', async () => {
    const { url, cookie } = await ready();
    await f.bus.publish(
      f.bus.subjects.reconcileCompleted,
      reconcileCompletedSchema,
      report('run-1'),
    );
    const client = await connectWs(url, { cookie, origin: ORIGIN });
    const first = await client.waitFor(() => true);
    expect(first).toEqual({
      type: 'snapshot',
      data: {
        mode: null,
        session: { operator: 'victor', role: 'viewer', expiresAt: '2026-03-02T17:00:00.000Z' },
        lastReconcile: report('run-1'),
      },
    });
    client.close();
  });

  it('forwards mode, reconcile, order and audit events with their stream seq; skips invalid messages', async () => {
    const { url, cookie } = await ready();
    const client = await connectWs(url, { cookie, origin: ORIGIN });
    await client.waitFor(is('snapshot'));
    f.bus.nc.publish(f.bus.subjects.modeChanged, 'not json');
    f.bus.nc.publish(f.bus.subjects.modeChanged, JSON.stringify({ mode: 'LIVE' }));
    const change = {
      mode: 'HALTED' as const,
      previousMode: 'PAPER' as const,
      version: 1,
      operator: 'alice',
      reason: 'drill',
      at,
    };
    const { seq } = await f.bus.publish(f.bus.subjects.modeChanged, modeChangedSchema, change);
    expect(await client.waitFor(is('mode.changed'))).toEqual({
      type: 'mode.changed',
      data: change,
      seq,
    });
    await f.bus.publish(
      f.bus.subjects.reconcileCompleted,
      reconcileCompletedSchema,
      report('run-2'),
    );
    expect((await client.waitFor(is('reconcile.completed'))).data.runId).toBe('run-2');
    const event = {
      type: 'order.accepted' as const,
      eventId: 'e1',
      intentId: 'i1',
      source: 'bot',
      mode: 'paper' as const,
      state: 'SUBMITTING' as const,
      at,
    };
    await f.bus.publish(f.bus.subjects.orderEvent('bot', 'i1'), orderEventSchema, event);
    expect((await client.waitFor(is('order.event'))).data).toEqual(event);
    await f.login('alice', PASSWORD);
    const audit = await client.waitFor(
      (fr): fr is WsFrameOf<'audit.event'> =>
        fr.type === 'audit.event' && fr.data.kind === 'auth.login' && fr.data.actor === 'alice',
    );
    expect(audit.seq).toBeGreaterThan(0);
    expect(client.frames.filter(is('mode.changed'))).toHaveLength(1);
    expect(f.logs.join('')).toContain('event not forwarded: invalid');
    client.close();
  });

  it('pushes money.changed on an order event with fills or that moves the open orders, a reconcile run and stored balances', async () => {
    const { url, cookie } = await ready();
    const client = await connectWs(url, { cookie, origin: ORIGIN });
    await client.waitFor(is('snapshot'));
    const money = is('money.changed');
    const base = {
      type: 'order.updated' as const,
      intentId: 'i2',
      source: 'bot',
      mode: 'live' as const,
      state: 'FILLED' as const,
      at,
    };
    // No fills: no notice. With fills: one, after the order event itself.
    await f.bus.publish(f.bus.subjects.orderEvent('bot', 'i2'), orderEventSchema, {
      ...base,
      eventId: 'e1',
    });
    await f.bus.publish(f.bus.subjects.orderEvent('bot', 'i2'), orderEventSchema, {
      ...base,
      eventId: 'e2',
      fills: [],
    });
    await f.bus.publish(f.bus.subjects.orderEvent('bot', 'i2'), orderEventSchema, {
      ...base,
      eventId: 'e3',
      fills: [{ tradeId: '7', price: '1', qty: '1', commission: '0', commissionAsset: 'USDT' }],
    });
    expect((await client.waitFor(money)).data).toEqual({ venue: 'live', reason: 'fill', at });
    const order = client.frames.findIndex(
      (fr) => fr.type === 'order.event' && fr.data.eventId === 'e3',
    );
    expect(client.frames.findIndex(money)).toBe(order + 1);
    expect(client.frames.filter(is('order.event'))).toHaveLength(3);
    // Filled in the placement answer: order.submitted with an executed quantity, no `fills`.
    const submitted = { ...base, type: 'order.submitted' as const, exchangeOrderId: '9' };
    const seen = (n: number) => client.waitFor(() => client.frames.filter(money).length >= n);
    // Resting without a fill: the open orders (exposure) moved, reason `order`.
    await f.bus.publish(f.bus.subjects.orderEvent('bot', 'i2'), orderEventSchema, {
      ...submitted,
      eventId: 'e4',
      state: 'NEW',
      executedQty: '0.00000000',
    });
    await seen(2);
    expect(client.frames.filter(money).at(-1)?.data).toEqual({
      venue: 'live',
      reason: 'order',
      at,
    });
    await f.bus.publish(f.bus.subjects.orderEvent('bot', 'i2'), orderEventSchema, {
      ...submitted,
      eventId: 'e5',
      executedQty: '0.00100000',
    });
    await seen(3);
    const fifth = client.frames.findIndex(
      (fr) => fr.type === 'order.event' && fr.data.eventId === 'e5',
    );
    expect(client.frames.findLastIndex(money)).toBe(fifth + 1);
    expect(client.frames.filter(money).at(-1)?.data.reason).toBe('fill');
    // Left the book: cancelled, expired; an update that neither fills nor leaves: nothing.
    const left = [
      { ...base, eventId: 'e6', type: 'order.canceled' as const, state: 'CANCELED' as const },
      { ...base, eventId: 'e7', state: 'EXPIRED' as const },
      { ...base, eventId: 'e8', state: 'PARTIALLY_FILLED' as const },
    ];
    for (const event of left)
      await f.bus.publish(f.bus.subjects.orderEvent('bot', 'i2'), orderEventSchema, event);
    await client.waitFor(() =>
      client.frames.some((fr) => fr.type === 'order.event' && fr.data.eventId === 'e8'),
    );
    expect(client.frames.filter(money).map((fr) => fr.data.reason)).toEqual([
      'fill',
      'order',
      'fill',
      'order',
      'order',
    ]);
    await f.bus.publish(
      f.bus.subjects.reconcileCompleted,
      reconcileCompletedSchema,
      report('run-3'),
    );
    await seen(6);
    expect(client.frames.filter(money).at(-1)?.data).toEqual({
      venue: 'paper',
      reason: 'reconcile',
      at,
    });
    // Execution's notice of balances stored from the account stream (core NATS); junk is dropped.
    f.bus.nc.publish(f.bus.subjects.moneyBalances('paper'), 'not json');
    publishBalancesStored(f.bus, { venue: 'paper', takenAt: at });
    await seen(7);
    expect(client.frames.filter(money).at(-1)?.data).toEqual({
      venue: 'paper',
      reason: 'balances',
      at,
    });
    expect(client.frames.filter(money)).toHaveLength(7);
    expect(f.logs.join('')).toContain('balances notice dropped');
    client.close();
  });

  it('gives null for a last reconcile report that does not parse', async () => {
    const { url, cookie } = await ready();
    f.bus.nc.publish(f.bus.subjects.reconcileCompleted, JSON.stringify({ runId: 'x' }));
    await f.bus.nc.flush();
    const client = await connectWs(url, { cookie, origin: ORIGIN });
    expect(
      ((await client.waitFor(is('snapshot'))) as WsFrameOf<'snapshot'>).data.lastReconcile,
    ).toBeNull();
    client.close();
    f.bus.nc.publish(f.bus.subjects.reconcileCompleted, 'not json');
    await f.bus.nc.flush();
    const again = await connectWs(url, { cookie, origin: ORIGIN });
    expect((await again.waitFor(is('snapshot'))).data.lastReconcile).toBeNull();
    again.close();
  });

  it('closes the sockets of a session that signs out with 4001', async () => {
    const { url, cookie } = await ready();
    const client = await connectWs(url, { cookie, origin: ORIGIN });
    await client.waitFor(is('snapshot'));
    const res = await f.http('/api/auth/logout', { method: 'POST', cookie });
    expect(res.status).toBe(200);
    expect(await client.closed).toEqual({ code: 4001, reason: 'signed out' });
  });

  it('sends heartbeats and closes a session that expired, on the next beat', async () => {
    const { url, cookie } = await ready({ config: { wsHeartbeatMs: 200 } });
    const client = await connectWs(url, { cookie, origin: ORIGIN });
    await client.waitFor(is('heartbeat'));
    f.clock.advance(8 * 3600_000);
    expect(await client.closed).toEqual({ code: 4001, reason: 'session ended' });
  });

  it('keeps sockets open and beating when the session cannot be checked (database gone)', async () => {
    const { url, cookie } = await ready({ dbThroughProxy: true, config: { wsHeartbeatMs: 200 } });
    const client = await connectWs(url, { cookie, origin: ORIGIN });
    await client.waitFor(is('heartbeat'));
    await f.cutDb();
    const seen = client.frames.length;
    await client.waitFor(
      (frame) => frame.type === 'heartbeat' && client.frames.indexOf(frame) >= seen + 1,
    );
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    client.close();
  });

  it('keeps pinging while a session check is slow, and never overlaps checks into a double ping', async () => {
    // Found flaky under load: sweeps every beat piled up behind a slow query, then all sent their
    // pings back to back, and the second terminated a client that had no time to answer the first.
    const { url, cookie } = await ready({ config: { wsHeartbeatMs: 200 } });
    const client = await connectWs(url, { cookie, origin: ORIGIN });
    await client.waitFor(is('heartbeat'));
    const beatsAfter = (seen: number, more: number) =>
      client.waitFor(
        (frame) =>
          frame.type === 'heartbeat' && client.frames.filter(is('heartbeat')).length >= seen + more,
      );
    await f.t.db.transaction().execute(async (trx) => {
      await sql`lock table auth.sessions in access exclusive mode`.execute(trx);
      await beatsAfter(client.frames.filter(is('heartbeat')).length, 4);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(trx);
      expect(rows[0]?.n).toBe(1);
    });
    await beatsAfter(client.frames.filter(is('heartbeat')).length, 4);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    client.close();
  });

  it('closes every socket with 1001 when the gateway stops', async () => {
    const { cookie } = await ready();
    const second = await f.listen();
    const client = await connectWs(second.url, { cookie, origin: ORIGIN });
    await client.waitFor(is('snapshot'));
    await second.close();
    expect(await client.closed).toEqual({ code: 1001, reason: 'gateway shutting down' });
  });
});

describe('gateway - listen()', () => {
  it('fails when the port is taken, and when the event streams do not exist', async () => {
    const f = await startGatewayFixture();
    const g = await startGatewayFixture({ noStreams: true });
    try {
      const running = await f.listen();
      const clash = await startGatewayFixture({ config: { port: running.port } });
      await expect(clash.listen()).rejects.toThrow(/EADDRINUSE/);
      await clash.close();
      await expect(g.listen()).rejects.toThrow();
    } finally {
      await f.close();
      await g.close();
    }
  });
});
