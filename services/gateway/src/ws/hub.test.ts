import { Writable } from 'node:stream';
import { createLogger } from '@livegate/runtime';
import type { WsFrame } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../http/metrics.js';
import { CLOSE_SESSION_ENDED, createHub, MAX_QUEUED_BEFORE_START, type FrameSink } from './hub.js';

class Sink implements FrameSink {
  bufferedAmount = 0;
  readonly sent: string[] = [];
  pings = 0;
  closed: { code: number; reason: string } | undefined;
  terminated = false;
  send(data: string) {
    this.sent.push(data);
  }
  ping() {
    this.pings++;
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
  }
  terminate() {
    this.terminated = true;
  }
  get types() {
    return this.sent.map((d) => (JSON.parse(d) as WsFrame).type);
  }
}

const at = '2026-01-31T12:00:00.000Z';
const snapshot: WsFrame = {
  type: 'snapshot',
  data: {
    mode: null,
    session: { operator: 'alice', role: 'operator', expiresAt: at },
    lastReconcile: null,
  },
};
const modeChanged = (version: number): WsFrame => ({
  type: 'mode.changed',
  seq: version,
  data: { mode: 'PAPER', previousMode: 'HALTED', version, operator: 'alice', reason: 'r', at },
});

function setup(maxBufferedBytes = 1000) {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'hub-test',
    destination: new Writable({
      write(chunk: Buffer, _e, cb) {
        lines.push(chunk.toString());
        cb();
      },
    }),
  });
  const metrics = createMetrics();
  return { hub: createHub({ maxBufferedBytes, metrics, logger }), metrics, lines };
}

describe('websocket hub', () => {
  it('sends the snapshot first, then what was broadcast while it was fetched, then live frames', () => {
    const { hub } = setup();
    const sink = new Sink();
    const client = hub.add(sink, 's1');
    expect(hub.broadcast(modeChanged(1))).toBe(true);
    expect(sink.sent).toEqual([]);
    client.start(snapshot);
    hub.broadcast(modeChanged(2));
    expect(sink.types).toEqual(['snapshot', 'mode.changed', 'mode.changed']);
    expect(sink.sent.map((d) => (JSON.parse(d) as { seq?: number }).seq)).toEqual([
      undefined,
      1,
      2,
    ]);
  });

  it('refuses to send a frame that breaks the contract, to anyone', () => {
    const { hub, lines } = setup();
    const sink = new Sink();
    hub.add(sink, 's1').start(snapshot);
    const broken = { type: 'mode.changed', data: { mode: 'LIVE' } } as unknown as WsFrame;
    expect(hub.broadcast(broken)).toBe(false);
    expect(sink.types).toEqual(['snapshot']);
    expect(lines.join('')).toContain('frame not sent: invalid');
    const other = new Sink();
    hub.add(other, 's2').start({ type: 'snapshot', data: {} } as unknown as WsFrame);
    expect(other.sent).toEqual([]);
  });

  it('drops a client whose send buffer is over the limit, without blocking the others', async () => {
    const { hub, metrics } = setup(1000);
    const slow = new Sink();
    const fast = new Sink();
    hub.add(slow, 's1').start(snapshot);
    hub.add(fast, 's2').start(snapshot);
    slow.bufferedAmount = 1001;
    hub.broadcast(modeChanged(1));
    expect(slow.terminated).toBe(true);
    expect(slow.types).toEqual(['snapshot']);
    expect(fast.types).toEqual(['snapshot', 'mode.changed']);
    expect(hub.size).toBe(1);
    hub.broadcast(modeChanged(2));
    expect(slow.types).toEqual(['snapshot']);
    const text = await metrics.registry.metrics();
    expect(text).toContain('livegate_gateway_ws_clients_dropped_total{reason="slow"} 1');
    expect(text).toContain('livegate_gateway_ws_clients 1');
  });

  it('drops a client that piles up frames before its snapshot is ready', () => {
    const { hub } = setup();
    const sink = new Sink();
    const client = hub.add(sink, 's1');
    for (let i = 1; i <= MAX_QUEUED_BEFORE_START + 1; i++) hub.broadcast(modeChanged(i));
    expect(sink.terminated).toBe(true);
    expect(hub.size).toBe(0);
    client.start(snapshot);
    expect(sink.sent).toEqual([]);
  });

  it('stops delivering queued frames once the client is dropped mid-flush', () => {
    const { hub } = setup(10);
    const sink = new Sink();
    const client = hub.add(sink, 's1');
    hub.broadcast(modeChanged(1));
    hub.broadcast(modeChanged(2));
    const send = sink.send.bind(sink);
    sink.send = (data: string) => {
      send(data);
      sink.bufferedAmount = 100;
    };
    client.start(snapshot);
    expect(sink.types).toEqual(['snapshot']);
    expect(sink.terminated).toBe(true);
  });

  it('pings and sends heartbeats; a client that never answered the last ping is terminated', () => {
    const { hub } = setup();
    const alive = new Sink();
    const dead = new Sink();
    const pending = new Sink();
    const aliveClient = hub.add(alive, 's1');
    aliveClient.start(snapshot);
    hub.add(dead, 's2').start(snapshot);
    hub.add(pending, 's3');
    hub.heartbeat(new Date(at));
    expect(dead.pings).toBe(1);
    expect(dead.types).toEqual(['snapshot', 'heartbeat']);
    expect(pending.sent).toEqual([]);
    aliveClient.pong();
    hub.heartbeat(new Date(at));
    expect(dead.terminated).toBe(true);
    expect(alive.terminated).toBe(false);
    expect(JSON.parse(alive.sent.at(-1) as string)).toEqual({ type: 'heartbeat', data: { at } });
  });

  it('closes the sockets of one session with 4001, and everything on shutdown', () => {
    const { hub } = setup();
    const [a, b, c] = [new Sink(), new Sink(), new Sink()];
    hub.add(a, 's1').start(snapshot);
    hub.add(b, 's1').start(snapshot);
    const cClient = hub.add(c, 's2');
    expect(hub.sessions()).toEqual(['s1', 's2']);
    hub.closeSession('s1', 'signed out');
    expect(a.closed).toEqual({ code: CLOSE_SESSION_ENDED, reason: 'signed out' });
    expect(b.closed).toEqual({ code: CLOSE_SESSION_ENDED, reason: 'signed out' });
    expect(c.closed).toBeUndefined();
    hub.closeAll();
    expect(c.closed).toEqual({ code: 1001, reason: 'gateway shutting down' });
    expect(hub.size).toBe(0);
    cClient.remove();
    expect(hub.size).toBe(0);
  });

  it('sends nothing to a client that left before its snapshot was ready', () => {
    const { hub } = setup();
    const sink = new Sink();
    const client = hub.add(sink, 's1');
    client.remove();
    client.start(snapshot);
    hub.broadcast(modeChanged(1));
    expect(sink.sent).toEqual([]);
  });

  it('forgets a client on remove', () => {
    const { hub } = setup();
    const sink = new Sink();
    const client = hub.add(sink, 's1');
    client.start(snapshot);
    client.remove();
    hub.broadcast(modeChanged(1));
    expect(sink.types).toEqual(['snapshot']);
    expect(hub.size).toBe(0);
  });
});
