import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { AckPolicy } from '@nats-io/jetstream';
import {
  consumerBacklog,
  freePort,
  readStream,
  startNatsServer,
  streamMessageCount,
} from './index.js';

describe('harness - a private nats-server restarted on its port and store', () => {
  it('keeps streams and messages across kill() and stop(), and readStream reads them back', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'livegate-nats-restart-'));
    const port = await freePort();
    let server = await startNatsServer({ port, storeDir });
    const nc = await connect({ servers: server.url });
    await (await jetstreamManager(nc)).streams.add({ name: 'KEEP', subjects: ['keep.>'] });
    const js = jetstream(nc);
    await js.publish('keep.a', JSON.stringify({ n: 1 }));
    await js.publish('keep.b', 'not json');
    await js.publish('keep.a', JSON.stringify({ n: 2 }));
    await nc.close();

    await server.kill();
    server = await startNatsServer({ port, storeDir });
    expect(await readStream(server.url, 'KEEP', { filterSubject: 'keep.a' })).toEqual([
      { seq: 1, subject: 'keep.a', json: { n: 1 } },
      { seq: 3, subject: 'keep.a', json: { n: 2 } },
    ]);
    await server.stop();
    expect((await stat(storeDir)).isDirectory()).toBe(true);

    server = await startNatsServer({ port, storeDir });
    expect(await streamMessageCount(server.url, 'KEEP')).toBe(3);
    const all = await readStream(server.url, 'KEEP');
    expect(all.map((r) => [r.seq, r.json])).toEqual([
      [1, { n: 1 }],
      [2, undefined],
      [3, { n: 2 }],
    ]);
    await server.stop();
    await rm(storeDir, { recursive: true, force: true });
  });

  it('reads an empty stream as no records', async () => {
    const server = await startNatsServer();
    const nc = await connect({ servers: server.url });
    await (await jetstreamManager(nc)).streams.add({ name: 'EMPTY', subjects: ['empty.>'] });
    await nc.close();
    expect(await readStream(server.url, 'EMPTY')).toEqual([]);
    expect(await streamMessageCount(server.url, 'EMPTY')).toBe(0);
    await server.stop();
  });

  it('counts what a durable consumer has not finished: undelivered plus unacked', async () => {
    const server = await startNatsServer();
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'WORK', subjects: ['work.>'] });
    await jsm.consumers.add('WORK', { durable_name: 'w', ack_policy: AckPolicy.Explicit });
    const js = jetstream(nc);
    for (const n of [1, 2, 3]) await js.publish('work.x', String(n));
    expect(await consumerBacklog(server.url, 'WORK', 'w')).toBe(3);
    const consumer = await js.consumers.get('WORK', 'w');
    const first = await consumer.next();
    await first?.ackAck();
    await consumer.next(); // delivered, not acked
    expect(await consumerBacklog(server.url, 'WORK', 'w')).toBe(2);
    await nc.close();
    await server.stop();
  });
});
