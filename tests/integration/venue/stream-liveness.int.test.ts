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
import { WebSocketServer, type WebSocket } from 'ws';
import { startFreezingProxy, type FreezingProxy } from './freezing-proxy.js';
import { startVenue, type VenueFixture } from './venue-fixture.js';
import { eventually, Waitable } from './waitable.js';

// Attack: the venue's connection goes half-open (nothing arrives, nothing is closed). Without a
// client-side bound the stream would sit on it until the OS gives up (minutes to hours), with no
// fills and stale balances. With VENUE_STREAM_SILENCE_MS the client drops it, reconnects and resyncs.
const SILENCE_MS = 300;
/** Far under the default bound (30 s): only the configured one can meet it. */
const WITHIN_MS = 5_000;
const FAST = { initialMs: 20, maxMs: 100 };

let venue: VenueFixture;
let proxy: FreezingProxy;
let streams: UserDataStream[];
beforeEach(async () => {
  venue = await startVenue();
  proxy = await startFreezingProxy({
    host: '127.0.0.1',
    port: Number(new URL(venue.sim.url).port),
  });
  streams = [];
});
afterEach(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await proxy.close();
  await venue.stop();
});

function logInto(logs: Waitable<string>) {
  return createLogger({
    service: 'liveness-test',
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  });
}

function openStream(url: string) {
  const events = new Waitable<UserDataEvent>();
  const resyncs = new Waitable<ResyncReason>();
  const logs = new Waitable<string>();
  const stream = openUserDataStream({
    url,
    apiKey: venue.apiKey,
    apiSecret: venue.apiSecret,
    recvWindowMs: 5_000,
    backoff: FAST,
    silenceMs: SILENCE_MS,
    logger: logInto(logs),
    onEvent: events.push,
    onResync: resyncs.push,
  });
  streams.push(stream);
  return { stream, events, resyncs, logs };
}

async function placeResting(key: string): Promise<number> {
  const placed = await venue.adapter.placeOrder({
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.002',
    price: '50000.00',
    timeInForce: 'GTC',
    clientOrderId: clientOrderIdFor(key),
  });
  if (placed.kind !== 'placed') throw new Error(`not placed: ${JSON.stringify(placed)}`);
  return Number(placed.order.orderId);
}

const report = (x: string, orderId: number) => (e: UserDataEvent) =>
  e.kind === 'executionReport' && e.executionType === x && e.order.orderId === String(orderId);

describe('venue websockets notice a half-open connection themselves', () => {
  it('user data stream: a frozen connection is dropped within the bound, resubscribed and resynced; events flow again', async () => {
    const { stream, events, resyncs, logs } = openStream(`ws://${proxy.hostPort}/ws-api/v3`);
    await resyncs.next((r) => r === 'subscribed', 'the subscription');
    const orderId = await placeResting('liveness-a');
    await events.next(report('NEW', orderId), 'NEW on the first connection');

    proxy.freeze();
    // A fill on the venue while the connection is frozen: its report is lost with the connection.
    await venue.sim.admin.fillOrder(orderId, { qty: '0.001' });
    const resync = await resyncs.next((r) => r === 'resubscribed', 'the resync', 1, WITHIN_MS);
    expect(resync).toBe('resubscribed');
    await logs.next((l) => l.includes('venue stream silent'), 'the silence log');
    expect(events.items.filter(report('TRADE', orderId))).toEqual([]);
    expect(proxy.accepted()).toBe(2);
    await eventually(() => proxy.open() === 1, 'the frozen connection to be closed by the client');
    expect(stream.live).toBe(true);

    await venue.sim.admin.fillOrder(orderId, { qty: '0.001' });
    expect(
      await events.next(report('TRADE', orderId), 'a fill on the new connection'),
    ).toMatchObject({
      order: { status: 'FILLED', executedQty: '0.00200000' },
    });
  });

  it('a handshake that never completes is given up after the bound and retried', async () => {
    proxy.freezeNew(true);
    const { stream, resyncs, logs } = openStream(`ws://${proxy.hostPort}/ws-api/v3`);
    await logs.next((l) => l.includes('venue stream error'), 'the handshake timeout', 0, WITHIN_MS);
    expect(logs.items.find((l) => l.includes('venue stream error'))).toContain('handshake');
    expect(stream.live).toBe(false);
    proxy.freezeNew(false);
    await resyncs.next(
      (r) => r === 'subscribed',
      'the subscription once the venue answers',
      0,
      WITHIN_MS,
    );
    expect(proxy.accepted()).toBeGreaterThanOrEqual(2);
  });

  it('adapter: both streams drop a frozen connection, reconnect and resync the account by REST', async () => {
    const adapter = venue.adapterWith({
      wsApiUrl: `ws://${proxy.hostPort}/ws-api/v3`,
      streamUrl: `ws://${proxy.hostPort}`,
      streamSilenceMs: SILENCE_MS,
    });
    const resyncs = new Waitable<ResyncReason>();
    adapter.listenUserData({ onResync: resyncs.push });
    await eventually(() => adapter.streamStatus().userData === 'live', 'the account view');
    expect(
      (
        await adapter.placeOrder({
          symbol: 'BTCUSDT',
          side: 'BUY',
          type: 'MARKET',
          quantity: '0.001',
          clientOrderId: clientOrderIdFor('liveness-b'),
        })
      ).kind,
    ).toBe('placed');
    await eventually(() => adapter.streamStatus().prices.includes('BTCUSDT'), 'the streamed price');
    expect(proxy.open()).toBe(2);
    const snapshots = (await venue.requests({ path: '/api/v3/account' })).length;

    proxy.freeze();
    await resyncs.next((r) => r === 'resubscribed', 'the resync', 0, WITHIN_MS);
    await eventually(
      async () => (await venue.requests({ path: '/api/v3/account' })).length > snapshots,
      'a REST account snapshot after the reconnect',
      WITHIN_MS,
    );
    await eventually(() => adapter.streamStatus().userData === 'live', 'the account view again');
    await eventually(
      () => adapter.streamStatus().prices.includes('BTCUSDT'),
      'the streamed price again',
      WITHIN_MS,
    );
    expect(proxy.accepted()).toBe(4);
    await eventually(() => proxy.open() === 2, 'both frozen connections closed by the client');
  });
});

/**
 * A server that answers the subscription; it answers our pings only while `answering` (its own
 * `autoPong` is off), counts them, and sends an event when told.
 */
async function quietServer() {
  const server = createServer();
  const wss = new WebSocketServer({ server, autoPong: false });
  const pings = new Waitable<number>();
  const state = { connections: 0, answering: true };
  let last: WebSocket | undefined;
  wss.on('connection', (ws) => {
    state.connections += 1;
    last = ws;
    ws.on('ping', () => {
      if (state.answering) ws.pong();
      pings.push(Date.now());
    });
    ws.on('message', (data) => {
      const { id } = JSON.parse(String(data)) as { id: string };
      ws.send(JSON.stringify({ id, status: 200, result: { subscriptionId: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pings,
    state,
    sendEvent: () =>
      last?.send(
        JSON.stringify({
          subscriptionId: 1,
          event: { e: 'balanceUpdate', E: 1, a: 'X', d: '1', T: 1 },
        }),
      ),
    async close() {
      await Promise.all(streams.map((s) => s.close()));
      wss.close();
      await new Promise((r) => server.close(r));
    },
  };
}

describe('a quiet but healthy venue websocket is kept', () => {
  it("our own stall (a GC pause, a starved CPU) is not taken for the venue's silence", async () => {
    const quiet = await quietServer();
    try {
      const { stream, events, resyncs } = openStream(quiet.url);
      await resyncs.next((r) => r === 'subscribed', 'the subscription');
      // The last frame before the stall is an event the client has read; nothing is in flight.
      quiet.state.answering = false;
      quiet.sendEvent();
      await events.next(() => true, 'the event');
      // The whole process stops for three bounds; the venue is fine and answers from then on.
      const resumeAt = Date.now() + 3 * SILENCE_MS;
      let spins = 0;
      while (Date.now() < resumeAt) spins += 1;
      quiet.state.answering = true;
      expect(spins).toBeGreaterThan(0);
      const after = quiet.pings.items.length;
      await quiet.pings.next(() => true, 'three pings after the stall', after + 2, WITHIN_MS);
      expect(quiet.state.connections).toBe(1);
      expect(resyncs.items).toEqual(['subscribed']);
      expect(stream.live).toBe(true);
    } finally {
      await quiet.close();
    }
  });

  it('our pings are answered, so a connection with no events stays up past the bound', async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    const pings = new Waitable<number>();
    let connections = 0;
    wss.on('connection', (ws) => {
      connections += 1;
      ws.on('ping', () => pings.push(Date.now()));
      ws.on('message', (data) => {
        const { id } = JSON.parse(String(data)) as { id: string };
        ws.send(JSON.stringify({ id, status: 200, result: { subscriptionId: 1 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { stream, resyncs } = openStream(
        `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
      );
      await resyncs.next((r) => r === 'subscribed', 'the subscription');
      // Six pings at a third of the bound: twice the bound without a single event.
      await pings.next(() => true, 'six pings', 5, WITHIN_MS);
      const span = (pings.items[5] as number) - (pings.items[0] as number);
      expect(span).toBeGreaterThan(SILENCE_MS);
      expect(connections).toBe(1);
      expect(resyncs.items).toEqual(['subscribed']);
      expect(stream.live).toBe(true);
    } finally {
      await Promise.all(streams.map((s) => s.close()));
      wss.close();
      await new Promise((r) => server.close(r));
    }
  });
});
