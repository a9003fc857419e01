import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { TestNats } from '@livegate/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  busForTest,
  ERROR,
  gate,
  inbox,
  until,
  WARN,
  type captureLogger,
} from '../test/support.js';
import type { Bus } from './index.js';

const item = z.object({ id: z.string() });

describe('bus - consumer lifecycle', () => {
  let nats: TestNats;
  let bus: Bus;
  let log: ReturnType<typeof captureLogger>;
  let jsm: JetStreamManager;
  beforeAll(async () => {
    ({ nats, bus, log } = await busForTest('lifecycle-test'));
    jsm = await jetstreamManager(bus.nc);
  });
  afterAll(async () => {
    await bus.close();
    await nats.cleanup();
  });

  const events = (name: string) => ({
    stream: bus.streams.orderEvents,
    durable: name,
    filterSubject: bus.subjects.orderEvent('test', name),
    schema: item,
  });
  const publishIds = async (name: string, ids: string[]) => {
    for (const id of ids) await bus.publish(bus.subjects.orderEvent('test', name), item, { id });
  };

  it('runs up to maxInFlight handlers at once', async () => {
    await publishIds('wide', ['a', 'b', 'c']);
    const started = inbox<string>();
    const allStarted = gate();
    const consumer = await bus.consume({
      ...events('wide'),
      maxInFlight: 3,
      handler: async (msg, ctl) => {
        started.push(msg.id);
        await allStarted.opened; // only reachable by all three if they run together
        await ctl.ack();
      },
    });
    expect((await started.atLeast(3)).sort()).toEqual(['a', 'b', 'c']);
    allStarted.open();
    await consumer.stop();
  });

  it('handles one message at a time, in order, by default', async () => {
    await publishIds('narrow', ['a', 'b', 'c']);
    const done = inbox<string>();
    let active = 0;
    let most = 0;
    const consumer = await bus.consume({
      ...events('narrow'),
      handler: async (msg, ctl) => {
        most = Math.max(most, ++active);
        await ctl.ack();
        active--;
        done.push(msg.id);
      },
    });
    expect(await done.atLeast(3)).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    await consumer.stop();
  });

  it('refuses a maxInFlight below one', async () => {
    const noop = async () => {};
    await expect(bus.consume({ ...events('zero'), maxInFlight: 0, handler: noop })).rejects.toThrow(
      RangeError,
    );
    await expect(
      bus.consume({ ...events('zero'), maxInFlight: 1.5, handler: noop }),
    ).rejects.toThrow('maxInFlight must be an integer >= 1, got 1.5');
  });

  it('fails to consume from a stream that does not exist', async () => {
    await expect(
      bus.consume({
        ...events('nostream'),
        stream: `${bus.streams.audit}_MISSING`,
        handler: async () => {},
      }),
    ).rejects.toThrow(/stream not found/);
  });

  it('creates the durable once and updates it when the settings change', async () => {
    const noop = async () => {};
    await (await bus.consume({ ...events('cfg'), ackWaitMs: 1_000, handler: noop })).stop();
    const first = await jsm.consumers.info(bus.streams.orderEvents, 'cfg');
    expect(first.config).toMatchObject({
      durable_name: 'cfg',
      ack_policy: 'explicit',
      ack_wait: 1e9,
      max_deliver: -1,
      filter_subject: bus.subjects.orderEvent('test', 'cfg'),
    });
    await (await bus.consume({ ...events('cfg'), ackWaitMs: 1_000, handler: noop })).stop();
    expect((await jsm.consumers.info(bus.streams.orderEvents, 'cfg')).config).toEqual(first.config);

    await (
      await bus.consume({ ...events('cfg'), ackWaitMs: 2_000, maxDeliver: 5, handler: noop })
    ).stop();
    const updated = await jsm.consumers.info(bus.streams.orderEvents, 'cfg');
    expect(updated.config).toMatchObject({ ack_wait: 2e9, max_deliver: 5 });
    expect(updated.created).toBe(first.created);
  });

  it('stop waits for in-flight handlers and hands buffered messages back at once', async () => {
    await publishIds('stop', ['a', 'b', 'c', 'd']);
    const started = inbox<string>();
    const finished: string[] = [];
    const release = gate();
    const first = await bus.consume({
      ...events('stop'),
      maxInFlight: 2,
      ackWaitMs: 60_000,
      handler: async (msg, ctl) => {
        started.push(msg.id);
        await release.opened;
        await ctl.ack();
        finished.push(msg.id);
      },
    });
    expect(await started.atLeast(2)).toEqual(['a', 'b']);
    await until(
      async () => (await jsm.consumers.info(bus.streams.orderEvents, 'stop')).num_ack_pending === 3,
      'c delivered to the client',
    );
    const stopped = first.stop().then(() => [...finished]);
    release.open();
    expect(await stopped).toEqual(['a', 'b']);

    // c was handed back on stop and d never left the server: both arrive now, long before the 60 s
    // ack wait would have released them (c's delivery count is 1 or 2 depending on the server's
    // bookkeeping of the pulls that were cut short, so only the ids are asserted)
    const rest = inbox<string>();
    const second = await bus.consume({
      ...events('stop'),
      maxInFlight: 2,
      ackWaitMs: 60_000,
      handler: async (msg, ctl) => {
        rest.push(msg.id);
        await ctl.ack();
      },
    });
    expect(await rest.atLeast(2, 5_000)).toEqual(['c', 'd']);
    await second.stop();
    expect(started.items).toEqual(['a', 'b']);
  });

  it('warns when its durable is deleted underneath it', async () => {
    const consumer = await bus.consume({ ...events('gone'), handler: async () => {} });
    await jsm.consumers.delete(bus.streams.orderEvents, 'gone');
    const line = await log.waitFor((l) => l.durable === 'gone' && l.level === WARN);
    expect(line.msg).toBe('consumer consumer_deleted');
    await consumer.stop();
  });

  it('ends with an error log, not a crash, when the bus closes under a running handler', async () => {
    const own = await busForTest('closing-test');
    const durable = 'closing';
    await own.bus.publish(own.bus.subjects.orderEvent('test', durable), item, { id: 'a' });
    await own.bus.publish(own.bus.subjects.orderEvent('test', durable), item, { id: 'b' });
    const consumer = await own.bus.consume({
      stream: own.bus.streams.orderEvents,
      durable,
      schema: item,
      handler: async () => own.bus.close(), // the pull queued behind this message meets a closed connection
    });
    const ended = await own.log.waitFor(
      (l) => l.msg === 'consumer ended by an error; no more messages will be handled',
    );
    expect(ended).toMatchObject({
      level: ERROR,
      err: expect.objectContaining({ type: 'ClosedConnectionError' }),
    });
    await consumer.stop();
    await own.nats.cleanup();
  });
});
