import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { simWithClient, type LooseClient } from '../test/int-sim.js';
import { WsProbe } from '../test/ws-client.js';
import type { SimHandle } from './index.js';

let sim: SimHandle;
let client: LooseClient;
let probes: WsProbe[] = [];
beforeEach(async () => {
  ({ sim, client } = await simWithClient());
  probes = [];
});
afterEach(async () => {
  await Promise.all(probes.map((p) => p.close()));
  await sim.stop();
});
const open = async (path: string) => {
  const probe = await WsProbe.open(`${sim.wsStreamsUrl}${path}`);
  probes.push(probe);
  return probe;
};
const buy = (quantity: string) =>
  client.order({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity });

describe('market streams', () => {
  it('<symbol>@trade on /ws/<stream>: one print per trade, with the documented fields', async () => {
    const trades = await open('/ws/btcusdt@trade');
    await sim.admin.setDepth({
      symbol: 'BTCUSDT',
      levels: [
        { offset: '0', qty: '0.001' },
        { offset: '1.00', qty: '1' },
      ],
    });
    const placed = await buy('0.002');
    expect(await trades.next()).toEqual({
      e: 'trade',
      E: expect.any(Number),
      s: 'BTCUSDT',
      t: placed.fills[0].tradeId,
      p: '60000.00000000',
      q: '0.00100000',
      T: expect.any(Number),
      m: false,
      M: true,
    });
    expect(await trades.next()).toMatchObject({ p: '60001.00000000', t: placed.fills[1].tradeId });
  });

  it('combined /stream?streams=a/b wraps frames as { stream, data }; bookTicker starts with the current top', async () => {
    const combined = await open('/stream?streams=btcusdt@bookTicker/ethusdt@trade');
    expect(await combined.next()).toEqual({
      stream: 'btcusdt@bookTicker',
      data: {
        u: 1,
        s: 'BTCUSDT',
        b: '60000.00000000',
        B: '9000.00000000',
        a: '60000.00000000',
        A: '9000.00000000',
      },
    });
    await sim.admin.setDepth({ symbol: 'BTCUSDT', levels: [{ offset: '5.00', qty: '2' }] });
    expect(await combined.next()).toMatchObject({
      stream: 'btcusdt@bookTicker',
      data: { u: 2, b: '59995.00000000', B: '2.00000000', a: '60005.00000000', A: '2.00000000' },
    });
    await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '59999.00',
      quantity: '0.5',
    });
    expect((await combined.next()).data).toMatchObject({
      u: 3,
      b: '59999.00000000',
      B: '0.50000000',
    });
    await client.order({ symbol: 'ETHUSDT', side: 'SELL', type: 'MARKET', quantity: '0.01' });
    expect(await combined.next()).toMatchObject({
      stream: 'ethusdt@trade',
      data: { s: 'ETHUSDT', m: true, q: '0.01000000' },
    });
  });

  it('sends a book ticker only when the top changes, and each stream only to who watches it', async () => {
    const tops = await open('/ws/btcusdt@bookTicker');
    const trades = await open('/ws/btcusdt@trade');
    expect(await tops.next()).toMatchObject({ u: 1, b: '60000.00000000' });
    const late = await open('/ws/btcusdt@bookTicker');
    expect(await late.next()).toMatchObject({ u: 1, b: '60000.00000000' });
    // far from the top: the book changed, its top did not
    const far = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '50000.00',
      quantity: '0.01',
    });
    await buy('0.001');
    expect(await trades.next()).toMatchObject({ e: 'trade', q: '0.00100000' });
    await sim.admin.setDepth({ symbol: 'BTCUSDT', levels: [] });
    expect(await tops.next()).toMatchObject({ u: 2, b: '50000.00000000', a: '0.00000000' });
    expect(await late.next()).toMatchObject({ u: 2 });
    await client.cancelOrder({ symbol: 'BTCUSDT', orderId: far.orderId });
    expect(await tops.next()).toEqual({
      u: 3,
      s: 'BTCUSDT',
      b: '0.00000000',
      B: '0.00000000',
      a: '0.00000000',
      A: '0.00000000',
    });
  });

  it('SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS on /ws, and refuses bad requests', async () => {
    const live = await open('/ws');
    live.send({ method: 'SUBSCRIBE', params: ['btcusdt@trade', 'ethbtc@bookTicker'], id: 1 });
    expect(await live.next()).toEqual({ result: null, id: 1 });
    expect(await live.next()).toMatchObject({ s: 'ETHBTC', b: '0.05000000' });
    live.send({ method: 'LIST_SUBSCRIPTIONS', id: 2 });
    expect(await live.next()).toEqual({ result: ['btcusdt@trade', 'ethbtc@bookTicker'], id: 2 });
    live.send({ method: 'SUBSCRIBE', params: ['btcusdt@trade'], id: 3 });
    expect(await live.next()).toEqual({ result: null, id: 3 });
    live.send({ method: 'UNSUBSCRIBE', params: ['ethbtc@bookTicker'], id: 4 });
    expect(await live.next()).toEqual({ result: null, id: 4 });
    expect((await sim.admin.websockets()).marketStreams).toBe(1);
    live.send({ method: 'SUBSCRIBE', params: ['BTCUSDT@trade', 'dogeusdt@trade'], id: 5 });
    expect(await live.next()).toEqual({
      error: { code: 2, msg: "Invalid request: unknown stream 'BTCUSDT@trade'" },
      id: 5,
    });
    live.send({ method: 'PING', id: 6 });
    expect(await live.next()).toEqual({ error: { code: 2, msg: 'Invalid request' }, id: null });
    live.socket.send('not json');
    expect(await live.next()).toEqual({ error: { code: 3, msg: 'Invalid JSON' }, id: null });
    await buy('0.001');
    expect((await live.next()).e).toBe('trade');
  });

  it('refuses an upgrade to an unknown stream (HTTP 400) and a plain GET (426)', async () => {
    for (const path of [
      '/ws/btcusdt@depth',
      '/ws/doge@trade',
      '/ws/btcusdt',
      '/stream?streams=btcusdt@trade/x@y',
    ]) {
      const socket = new WebSocket(`${sim.wsStreamsUrl}${path}`);
      socket.on('error', () => undefined); // the refused handshake ends in an error event
      const status = await new Promise<number | undefined>((resolve) => {
        socket.once('unexpected-response', (req, res) => {
          req.destroy();
          resolve(res.statusCode);
        });
        socket.once('open', () => resolve(undefined));
      });
      expect({ path, status }).toEqual({ path, status: 400 });
    }
    expect((await fetch(`${sim.url}/ws/btcusdt@trade`)).status).toBe(426);
    expect((await fetch(`${sim.url}/stream?streams=btcusdt@trade`)).status).toBe(426);
    expect((await fetch(`${sim.url}/stream`)).status).toBe(426);
  });
});
