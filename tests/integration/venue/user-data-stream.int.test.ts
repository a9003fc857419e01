import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import {
  clientOrderIdFor,
  openUserDataStream,
  type ResyncReason,
  type UserDataEvent,
  type UserDataStream,
} from '@livegate/binance';
import { createLogger } from '@livegate/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startVenue, type VenueFixture } from './venue-fixture.js';
import { eventually, Waitable } from './waitable.js';

let venue: VenueFixture;
let streams: UserDataStream[];
beforeEach(async () => {
  venue = await startVenue();
  streams = [];
});
afterEach(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await venue.stop();
});

const FAST = { initialMs: 20, maxMs: 100 };

function open(
  overrides: { apiSecret?: string; url?: string; defaults?: boolean; trackedOrders?: number } = {},
) {
  const events = new Waitable<UserDataEvent>();
  const resyncs = new Waitable<ResyncReason>();
  const logs = new Waitable<string>();
  const logger = createLogger({
    service: 'uds-test',
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  });
  const stream = openUserDataStream({
    url: overrides.url ?? venue.sim.wsApiUrl,
    apiKey: venue.apiKey,
    apiSecret: overrides.apiSecret ?? venue.apiSecret,
    ...(overrides.defaults === true ? {} : { recvWindowMs: 5_000, backoff: FAST }),
    ...(overrides.trackedOrders === undefined ? {} : { trackedOrders: overrides.trackedOrders }),
    logger,
    onEvent: events.push,
    onResync: resyncs.push,
  });
  streams.push(stream);
  return { stream, events, resyncs, logs };
}

const restingBuy = (key: string) => ({
  symbol: 'BTCUSDT',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  quantity: '0.002',
  price: '50000.00',
  timeInForce: 'GTC' as const,
  clientOrderId: clientOrderIdFor(key),
});

async function placeResting(key: string): Promise<number> {
  const placed = await venue.adapter.placeOrder(restingBuy(key));
  if (placed.kind !== 'placed') throw new Error(`not placed: ${JSON.stringify(placed)}`);
  return Number(placed.order.orderId);
}

const report = (x: string, orderId?: number) => (e: UserDataEvent) =>
  e.kind === 'executionReport' &&
  e.executionType === x &&
  (orderId === undefined || e.order.orderId === String(orderId));

describe('user data stream on the simulator', () => {
  it('subscribes with a signature and hands out order, account and balance events', async () => {
    const { stream, events, resyncs } = await Promise.resolve(open());
    expect(await resyncs.next(() => true, 'the subscription')).toBe('subscribed');
    expect(stream.live).toBe(true);

    const orderId = await placeResting('uds-a');
    const accepted = await events.next(report('NEW', orderId), 'NEW');
    expect(accepted).toMatchObject({
      kind: 'executionReport',
      order: { clientOrderId: clientOrderIdFor('uds-a'), status: 'NEW', executedQty: '0.00000000' },
      fill: undefined,
    });

    await venue.sim.admin.fillOrder(orderId, { qty: '0.001' });
    const trade = await events.next(report('TRADE', orderId), 'TRADE');
    expect(trade).toMatchObject({
      order: { status: 'PARTIALLY_FILLED', executedQty: '0.00100000' },
      fill: { price: '50000.00000000', qty: '0.00100000', isMaker: true },
    });
    const position = await events.next((e) => e.kind === 'accountPosition', 'a position');
    expect(position).toMatchObject({
      balances: expect.arrayContaining([expect.objectContaining({ asset: 'BTC' })]),
    });

    const canceled = await venue.adapter.cancelOrder({
      symbol: 'BTCUSDT',
      clientOrderId: clientOrderIdFor('uds-a'),
    });
    expect(canceled.kind).toBe('ok');
    const cancel = await events.next(report('CANCELED', orderId), 'CANCELED');
    // Binance sends the cancel's id in `c`: the order's own id is handed out.
    expect(cancel).toMatchObject({ order: { clientOrderId: clientOrderIdFor('uds-a') } });

    await venue.sim.admin.fund({ apiKey: venue.apiKey, asset: 'USDT', amount: '5' });
    expect(await events.next((e) => e.kind === 'balanceUpdate', 'balanceUpdate')).toMatchObject({
      asset: 'USDT',
      delta: '5.00000000',
    });
    expect(resyncs.items).toEqual(['subscribed']);
  });

  it('reconnects after a cut and after a graceful shutdown, and asks for a resync each time', async () => {
    const { stream, events, resyncs } = open();
    await resyncs.next(() => true, 'the subscription');
    expect(await venue.sim.admin.dropWebsockets()).toEqual({ dropped: 1 });
    await resyncs.next((r) => r === 'resubscribed', 'the resubscription', 1);
    expect(await venue.sim.admin.dropWebsockets({ graceful: true })).toEqual({ dropped: 1 });
    await resyncs.next((r) => r === 'resubscribed', 'the second resubscription', 2);
    expect(stream.live).toBe(true);
    // Events flow on the new subscription (and only once: the old one is gone).
    const orderId = await placeResting('uds-b');
    await events.next(report('NEW', orderId), 'NEW after the reconnect');
    expect(events.items.filter(report('NEW', orderId))).toHaveLength(1);
    expect(await venue.sim.admin.websockets()).toMatchObject({ userSubscriptions: 1 });
  });

  it('detects missed events: a fill whose report never came', async () => {
    const { events, resyncs } = open();
    await resyncs.next(() => true, 'the subscription');
    const orderId = await placeResting('uds-c');
    await events.next(report('NEW', orderId), 'NEW');
    await venue.sim.admin.skipUserEvents({ count: 2 }); // a fill's report and its account position
    await venue.sim.admin.fillOrder(orderId, { qty: '0.001' });
    await venue.sim.admin.fillOrder(orderId, { qty: '0.001' });
    expect(await resyncs.next((r) => r === 'missed-events', 'the gap')).toBe('missed-events');
    expect(await events.next(report('TRADE', orderId), 'the second fill')).toMatchObject({
      order: { status: 'FILLED', executedQty: '0.00200000' },
    });
  });

  it('detects missed events: the first report of a new order is not its NEW', async () => {
    const { events, resyncs } = open();
    await resyncs.next(() => true, 'the subscription');
    await venue.sim.admin.skipUserEvents({ count: 2 }); // the NEW and its account position
    const orderId = await placeResting('uds-d');
    await venue.sim.admin.fillOrder(orderId);
    await events.next(report('TRADE', orderId), 'the fill');
    expect(resyncs.items).toEqual(['subscribed', 'missed-events']);
  });

  it('a refused subscription is logged and retried with backoff, never live', async () => {
    const { stream, logs, resyncs } = open({ apiSecret: 'wrong' });
    await logs.next((l) => l.includes('subscription refused'), 'a refusal');
    await logs.next(
      (l) => l.includes('subscription refused'),
      'a retried refusal',
      logs.items.findIndex((l) => l.includes('subscription refused')) + 1,
    );
    expect(stream.live).toBe(false);
    expect(resyncs.items).toEqual([]);
  });

  it('a venue that is not listening: retried with backoff until it is closed', async () => {
    const idle = createServer();
    await new Promise<void>((resolve) => idle.listen(0, '127.0.0.1', resolve));
    const port = (idle.address() as AddressInfo).port;
    await new Promise((r) => idle.close(r));
    const { stream, logs } = open({ url: `ws://127.0.0.1:${port}` });
    await logs.next((l) => l.includes('venue stream error'), 'a connection error');
    await logs.next((l) => l.includes('"attempt":2'), 'a second attempt');
    expect(stream.live).toBe(false);
    await stream.close();
  });

  it('stops for good on close', async () => {
    const { stream, resyncs } = open();
    await resyncs.next(() => true, 'the subscription');
    await stream.close();
    expect(stream.live).toBe(false);
    await stream.close();
    await eventually(
      async () => (await venue.sim.admin.websockets()).connections === 0,
      'the simulator to see the close',
    );
    expect(resyncs.items).toEqual(['subscribed']);
  });
});

describe('user data stream against frames the simulator never sends', () => {
  it('ignores unreadable frames, unknown events and other subscriptions; restarts on eventStreamTerminated', async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    const sessions = new Waitable<{
      send: (frame: unknown) => void;
      requests: Waitable<unknown>;
    }>();
    wss.on('connection', (ws) => {
      const requests = new Waitable<unknown>();
      ws.on('message', (data) => requests.push(JSON.parse(String(data))));
      sessions.push({
        send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        requests,
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { events, resyncs, logs } = open({ url, defaults: true, trackedOrders: 1 });
      const first = await sessions.next(() => true, 'a connection');
      const subscribe = (await first.requests.next(() => true, 'the subscribe')) as {
        id: string;
        params: Record<string, unknown>;
      };
      expect(Object.keys(subscribe.params).sort()).toEqual(['apiKey', 'signature', 'timestamp']);
      first.send({ id: subscribe.id, status: 200, result: { subscriptionId: 4 } });
      await resyncs.next(() => true, 'subscribed');
      first.send('{not json');
      first.send({ subscriptionId: 4, event: { e: 'listStatus', E: 1 } });
      first.send({ subscriptionId: 9, event: { e: 'balanceUpdate', E: 1, a: 'X', d: '1', T: 1 } });
      first.send({ event: { e: 'balanceUpdate', E: 2, a: 'Y', d: '-1.5', T: 2 } });
      expect(await events.next(() => true, 'the unwrapped event')).toMatchObject({
        asset: 'Y',
        delta: '-1.5',
      });
      expect(events.items).toHaveLength(1);
      // Two orders followed with room for one: the first is forgotten, its fill is not a gap.
      const fields = {
        e: 'executionReport',
        s: 'BTCUSDT',
        S: 'BUY',
        o: 'LIMIT',
        f: 'GTC',
        q: '2',
        p: '1',
        C: '',
        r: 'NONE',
        L: '0',
        l: '0',
        z: '0',
        n: '0',
        N: null,
        T: 5,
        t: -1,
        m: false,
        Z: '0',
        O: 1,
      };
      first.send({
        subscriptionId: 4,
        event: { ...fields, E: 5, c: 'a', x: 'NEW', X: 'NEW', i: 1 },
      });
      first.send({
        subscriptionId: 4,
        event: { ...fields, E: 6, c: 'b', x: 'NEW', X: 'NEW', i: 2 },
      });
      first.send({
        subscriptionId: 4,
        event: {
          ...fields,
          E: 7,
          c: 'a',
          x: 'TRADE',
          X: 'PARTIALLY_FILLED',
          i: 1,
          l: '1',
          z: '1',
          L: '1',
          t: 3,
        },
      });
      expect(
        await events.next(
          (e) => e.kind === 'executionReport' && e.executionType === 'TRADE',
          'the fill',
        ),
      ).toMatchObject({
        fill: { qty: '1', commissionAsset: '' },
      });
      expect(resyncs.items).toEqual(['subscribed']);
      await logs.next((l) => l.includes('unreadable frame'), 'the unreadable frame log');
      await logs.next((l) => l.includes('event ignored'), 'the unknown event log');
      first.send({ subscriptionId: 4, event: { e: 'eventStreamTerminated', E: 3 } });
      const second = await sessions.next(() => true, 'a reconnection', 1);
      const again = (await second.requests.next(() => true, 'the resubscribe')) as { id: string };
      second.send({ id: again.id, status: 200, result: { subscriptionId: 5 } });
      expect(await resyncs.next((r) => r === 'resubscribed', 'resubscribed')).toBe('resubscribed');
    } finally {
      await Promise.all(streams.map((s) => s.close()));
      wss.close();
      await new Promise((r) => server.close(r));
    }
  });
});
