import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawSigned, simWithClient, type LooseClient } from '../test/int-sim.js';
import { subscribeParams, userStream, WsProbe, type Frame } from '../test/ws-client.js';
import { hmacSha256Hex, type SimCredentials, type SimHandle } from './index.js';

let sim: SimHandle;
let creds: SimCredentials;
let client: LooseClient;
let probes: WsProbe[] = [];
beforeEach(async () => {
  ({ sim, creds, client } = await simWithClient());
  probes = [];
});
afterEach(async () => {
  await Promise.all(probes.map((p) => p.close()));
  await sim.stop();
});
const open = async (url = sim.wsApiUrl, options?: { autoPong: boolean }) => {
  const probe = await WsProbe.open(url, options);
  probes.push(probe);
  return probe;
};
const subscribed = async () => {
  const probe = await userStream(sim, creds);
  probes.push(probe);
  return probe;
};
const event = async (probe: WsProbe, e: string, x?: string) =>
  (await probe.nextMatching((f) => f.event?.e === e && (x === undefined || f.event.x === x)))
    .event as Frame;
/** The next frame is the answer to a ping sent now: nothing else was sent before it. */
const nothingMoreBefore = async (probe: WsProbe, id: number) => {
  probe.send({ id, method: 'ping' });
  expect((await probe.next()).id).toBe(id);
};

describe('WebSocket API requests', () => {
  it('answers ping and time with the request weight, and refuses bad frames', async () => {
    const probe = await open();
    const ping = await probe.request(7, 'ping');
    expect(ping).toEqual({
      id: 7,
      status: 200,
      result: {},
      rateLimits: [
        {
          rateLimitType: 'REQUEST_WEIGHT',
          interval: 'MINUTE',
          intervalNum: 1,
          limit: 6000,
          count: expect.any(Number),
        },
      ],
    });
    expect((await probe.request(8, 'time')).result.serverTime).toBeGreaterThan(0);
    probe.socket.send('{nope');
    expect(await probe.next()).toMatchObject({
      id: null,
      status: 400,
      error: { code: -1135, msg: 'Invalid JSON Request' },
    });
    probe.send({ id: 9 });
    expect((await probe.next()).error.code).toBe(-1135);
    expect(await probe.request(10, 'order.place')).toMatchObject({
      status: 400,
      error: { code: -1020, msg: 'This operation is not supported.' },
    });
  });

  it('subscribes with a signature over the sorted parameters, and refuses what Binance refuses', async () => {
    const probe = await open();
    const good = subscribeParams(creds);
    const refusals: [Record<string, unknown>, number][] = [
      [{ ...good, signature: 'ab'.repeat(32) }, -1022],
      [{ ...good, apiKey: 'nobody' }, -2015],
      [{ ...subscribeParams(creds, Date.now() - 10_000) }, -1021],
      [{ ...good, listenKey: 'x' }, -1104],
      [{ apiKey: good.apiKey, timestamp: good.timestamp }, -1102],
      [{ signature: good.signature, timestamp: good.timestamp }, -1102],
    ];
    let id = 100;
    for (const [params, code] of refusals) {
      const answer = await probe.request(++id, 'userDataStream.subscribe.signature', params);
      expect({ params, code: answer.error?.code }).toEqual({ params, code });
    }
    const ts = Date.now();
    const withWindow = {
      apiKey: creds.apiKey,
      recvWindow: 10_000,
      timestamp: ts,
      signature: hmacSha256Hex(
        creds.apiSecret,
        `apiKey=${creds.apiKey}&recvWindow=10000&timestamp=${ts}`,
      ),
    };
    expect(
      (await probe.request(200, 'userDataStream.subscribe.signature', withWindow)).result,
    ).toEqual({ subscriptionId: 0 });
    expect(
      (await probe.request(201, 'userDataStream.subscribe.signature', subscribeParams(creds)))
        .result,
    ).toEqual({ subscriptionId: 1 });
    expect(await sim.admin.websockets()).toEqual({
      connections: 1,
      userSubscriptions: 2,
      marketStreams: 0,
    });
    expect(
      (await probe.request(202, 'userDataStream.unsubscribe', { subscriptionId: 0 })).status,
    ).toBe(200);
    expect(
      (await probe.request(203, 'userDataStream.unsubscribe', { subscriptionId: 0 })).error.code,
    ).toBe(-1130);
    expect((await probe.request(204, 'userDataStream.unsubscribe', { other: 1 })).error.code).toBe(
      -1104,
    );
    expect((await probe.request(205, 'userDataStream.unsubscribe')).status).toBe(200);
    expect((await sim.admin.websockets()).userSubscriptions).toBe(0);
    await client.order({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' });
    await nothingMoreBefore(probe, 206);
  });

  it('shares the REST request weight and its limits', async () => {
    await sim.stop();
    ({ sim, creds, client } = await simWithClient({
      limits: { requestWeightPerMinute: 2, banAfter429s: 1 },
    }));
    const probe = await open();
    expect((await probe.request(1, 'ping')).status).toBe(200);
    expect((await probe.request(2, 'ping')).status).toBe(200);
    expect(await probe.request(3, 'ping')).toMatchObject({ status: 429, error: { code: -1003 } });
    expect(await probe.request(4, 'ping')).toMatchObject({ status: 418, error: { code: -1003 } });
    expect((await probe.request(5, 'ping')).status).toBe(418);
  });
});

describe('user data stream events', () => {
  it('a resting LIMIT order: executionReport NEW with every documented field, then the balances', async () => {
    const stream = await subscribed();
    const placed = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '59000.00',
      quantity: '0.01',
      newClientOrderId: 'ws-new-1',
      strategyId: 5,
      strategyType: 1000001,
    });
    const frame = await stream.next();
    expect(frame.subscriptionId).toBe(0);
    expect(frame.event).toEqual({
      e: 'executionReport',
      E: expect.any(Number),
      s: 'BTCUSDT',
      c: 'ws-new-1',
      S: 'BUY',
      o: 'LIMIT',
      f: 'GTC',
      q: '0.01000000',
      p: '59000.00000000',
      P: '0.00000000',
      F: '0.00000000',
      g: -1,
      C: '',
      x: 'NEW',
      X: 'NEW',
      r: 'NONE',
      i: placed.orderId,
      l: '0.00000000',
      z: '0.00000000',
      L: '0.00000000',
      n: '0',
      N: null,
      T: placed.transactTime,
      t: -1,
      I: expect.any(Number),
      w: true,
      m: false,
      M: false,
      O: placed.transactTime,
      Z: '0.00000000',
      Y: '0.00000000',
      Q: '0.00000000',
      j: 5,
      J: 1000001,
      W: placed.transactTime,
      V: 'EXPIRE_MAKER',
    });
    expect((await stream.next()).event).toEqual({
      e: 'outboundAccountPosition',
      E: expect.any(Number),
      u: expect.any(Number),
      B: [
        { a: 'BTC', f: '2.00000000', l: '0.00000000' },
        { a: 'USDT', f: '99410.00000000', l: '590.00000000' },
      ],
    });
    await nothingMoreBefore(stream, 50);
  });

  it('fills (admin, price cross, taker), cancels and expiries report at the moment they happen', async () => {
    const stream = await subscribed();
    const limit = (price: string, id: string) =>
      client.order({
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        price,
        quantity: '0.01',
        newClientOrderId: id,
      });
    const resting = await limit('59000.00', 'ws-r1');
    await sim.admin.fillOrder(resting.orderId, { qty: '0.004' });
    const partial = await event(stream, 'executionReport', 'TRADE');
    expect(partial).toMatchObject({
      X: 'PARTIALLY_FILLED',
      l: '0.00400000',
      z: '0.00400000',
      L: '59000.00000000',
      Y: '236.00000000',
      Z: '236.00000000',
      n: '0.00000400',
      N: 'BTC',
      m: true,
      w: true,
      t: expect.any(Number),
    });
    await sim.admin.setPrice({ symbol: 'BTCUSDT', price: '58999.00' });
    expect(await event(stream, 'executionReport', 'TRADE')).toMatchObject({
      X: 'FILLED',
      z: '0.01000000',
      w: false,
    });
    const cancelMe = await limit('58000.00', 'ws-c1');
    await client.cancelOrder({
      symbol: 'BTCUSDT',
      orderId: cancelMe.orderId,
      newClientOrderId: 'cancel-ws-c1',
    });
    expect(await event(stream, 'executionReport', 'CANCELED')).toMatchObject({
      c: 'cancel-ws-c1',
      C: 'ws-c1',
      X: 'CANCELED',
    });
    const expireMe = await limit('57000.00', 'ws-e1');
    await sim.admin.expireOrder(expireMe.orderId);
    expect(await event(stream, 'executionReport', 'EXPIRED')).toMatchObject({
      X: 'EXPIRED',
      eR: 'EXCHANGE_CANCELED',
    });
    const market = await client.order({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: '0.002',
    });
    expect(await event(stream, 'executionReport', 'NEW')).toMatchObject({
      i: market.orderId,
      w: false,
    });
    expect(await event(stream, 'executionReport', 'TRADE')).toMatchObject({
      X: 'FILLED',
      m: false,
      N: 'USDT',
      t: market.fills[0].tradeId,
    });
    expect((await event(stream, 'outboundAccountPosition')).B).toHaveLength(2);
  });

  it('expiries carry eR, self-trade prevention reports TRADE_PREVENTION with v / A / B / U', async () => {
    const stream = await subscribed();
    await sim.admin.setLiquidity({ symbol: 'BTCUSDT', maxQty: '0' });
    await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'FOK',
      price: '60000.00',
      quantity: '0.01',
    });
    expect(await event(stream, 'executionReport', 'EXPIRED')).toMatchObject({
      eR: 'UNFILLED_FOK_ORDER_EXPIRED',
    });
    await sim.admin.setLiquidity({ symbol: 'BTCUSDT', maxQty: null });
    await sim.admin.setDepth({ symbol: 'BTCUSDT', levels: [{ offset: '10.00', qty: '1' }] });
    const maker = await client.order({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '60005.00',
      quantity: '0.01',
    });
    const taker = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '60010.00',
      quantity: '0.01',
    });
    expect(await event(stream, 'executionReport', 'TRADE_PREVENTION')).toMatchObject({
      i: maker.orderId,
      X: 'EXPIRED_IN_MATCH',
      v: 0,
      A: '0.01000000',
      B: '0.01000000',
      U: taker.orderId,
    });
  });

  it('admin funding sends balanceUpdate then outboundAccountPosition; other accounts see nothing', async () => {
    const stream = await subscribed();
    const other = await sim.admin.createAccount({ balances: { USDT: '1' } });
    await sim.admin.fund({ apiKey: other.apiKey, asset: 'USDT', amount: '1' });
    await sim.admin.fund({ apiKey: creds.apiKey, asset: 'ETH', amount: '-0.5' });
    expect((await stream.next()).event).toEqual({
      e: 'balanceUpdate',
      E: expect.any(Number),
      a: 'ETH',
      d: '-0.50000000',
      T: expect.any(Number),
    });
    expect((await stream.next()).event).toMatchObject({
      e: 'outboundAccountPosition',
      B: [{ a: 'ETH', f: '19.50000000', l: '0.00000000' }],
    });
  });
});

describe('connection control', () => {
  it('a gap: the next N user-data events are never delivered', async () => {
    const stream = await subscribed();
    expect(await sim.admin.skipUserEvents({ count: 2 })).toEqual({ pending: 2 });
    await sim.admin.fund({ apiKey: creds.apiKey, asset: 'USDT', amount: '1' });
    await sim.admin.fund({ apiKey: creds.apiKey, asset: 'USDT', amount: '2' });
    expect((await stream.next()).event).toMatchObject({ e: 'balanceUpdate', d: '2.00000000' });
  });

  it('drops every connection at once, or gracefully after serverShutdown', async () => {
    const first = await subscribed();
    const market = await open(`${sim.wsStreamsUrl}/ws/btcusdt@trade`);
    expect(await sim.admin.dropWebsockets()).toEqual({ dropped: 2 });
    await first.until(() => first.closed !== undefined, 'the drop');
    await market.until(() => market.closed !== undefined, 'the drop');
    expect(first.closed?.code).toBe(1006);
    const second = await subscribed();
    expect(await sim.admin.dropWebsockets({ graceful: true })).toEqual({ dropped: 1 });
    expect((await second.next()).event).toEqual({ e: 'serverShutdown', E: expect.any(Number) });
    await second.until(() => second.closed !== undefined, 'the close');
    expect(second.closed).toEqual({ code: 1001, reason: 'server shutdown' });
    expect(await sim.admin.websockets()).toEqual({
      connections: 0,
      userSubscriptions: 0,
      marketStreams: 0,
    });
  });

  it('pings every connection and drops one that stops answering', async () => {
    await sim.stop();
    ({ sim, creds, client } = await simWithClient({
      websocket: { pingMs: 20, pongTimeoutMs: 200 },
    }));
    const answering = await open();
    let pinged = 0;
    answering.socket.on('ping', () => (pinged += 1));
    // ws answers pings by itself unless told not to: this one never pongs
    const silent = await open(sim.wsApiUrl, { autoPong: false });
    await silent.until(() => silent.closed !== undefined, 'the silent socket to be dropped');
    await answering.until(() => pinged >= 3, 'three pings');
    expect(answering.closed).toBeUndefined();
  });

  it('answers a plain GET on a websocket path with HTTP 426', async () => {
    const res = await fetch(sim.wsApiUrl.replace('ws:', 'http:'));
    expect(res.status).toBe(426);
    expect(await res.json()).toEqual({ code: -1020, msg: 'This operation is not supported.' });
    const raw = await rawSigned(sim, creds, '/api/v3/account', {});
    expect(raw.status).toBe(200);
  });
});
