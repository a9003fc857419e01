import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { TestNats } from '@livegate/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { busForTest, ERROR, inbox, until, WARN, type captureLogger } from '../test/support.js';
import type { Bus, InvalidMessage, MessageControl } from './index.js';

const item = z.object({ id: z.string(), n: z.number().int() });
type Item = z.output<typeof item>;
type Seen = {
  msg: Item;
  deliveryCount: number;
  subject: string;
  msgId: string | undefined;
  seq: number;
};

describe('bus - consume', () => {
  let nats: TestNats;
  let bus: Bus;
  let log: ReturnType<typeof captureLogger>;
  let jsm: JetStreamManager;
  beforeAll(async () => {
    ({ nats, bus, log } = await busForTest('consume-test'));
    jsm = await jetstreamManager(bus.nc);
  });
  afterAll(async () => {
    await bus.close();
    await nats.cleanup();
  });

  const seen = (msg: Item, ctl: MessageControl): Seen => ({
    msg,
    deliveryCount: ctl.deliveryCount,
    subject: ctl.subject,
    msgId: ctl.msgId,
    seq: ctl.seq,
  });
  const events = (name: string) => ({
    stream: bus.streams.orderEvents,
    durable: name,
    filterSubject: bus.subjects.orderEvent('test', name),
    schema: item,
  });
  const pending = async (stream: string, durable: string) => {
    const i = await jsm.consumers.info(stream, durable);
    return {
      pending: i.num_pending,
      ackPending: i.num_ack_pending,
      redelivered: i.num_redelivered,
    };
  };

  it('hands valid messages to the handler with their delivery facts; ack is confirmed', async () => {
    const subject = bus.subjects.orderEvent('test', 'ok');
    await bus.publish(subject, item, { id: 'a', n: 1 }, { msgId: 'm-1' });
    await bus.publish(subject, item, { id: 'b', n: 2 });
    const got = inbox<Seen>();
    const consumer = await bus.consume({
      ...events('ok'),
      handler: async (msg, ctl) => {
        await ctl.ack();
        got.push(seen(msg, ctl));
      },
    });
    expect(await got.atLeast(2)).toEqual([
      { msg: { id: 'a', n: 1 }, deliveryCount: 1, subject, msgId: 'm-1', seq: 1 },
      { msg: { id: 'b', n: 2 }, deliveryCount: 1, subject, msgId: undefined, seq: 2 },
    ]);
    expect(await pending(bus.streams.orderEvents, 'ok')).toEqual({
      pending: 0,
      ackPending: 0,
      redelivered: 0,
    });
    await consumer.stop();
  });

  it("redelivers a nak'd message (deliveryCount 2), also after a nak delay", async () => {
    const subject = bus.subjects.orderEvent('test', 'nak');
    await bus.publish(subject, item, { id: 'a', n: 1 });
    await bus.publish(subject, item, { id: 'b', n: 2 });
    const got = inbox<Seen>();
    const consumer = await bus.consume({
      ...events('nak'),
      ackWaitMs: 1_000,
      handler: async (msg, ctl) => {
        got.push(seen(msg, ctl));
        if (ctl.deliveryCount === 2) return ctl.ack();
        if (msg.id === 'a') ctl.nak();
        else ctl.nak(100);
      },
    });
    const counts = (await got.atLeast(4)).map((s) => `${s.msg.id}${s.deliveryCount}`);
    expect(counts.sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
    await consumer.stop();
  });

  it('keeps a slow message while the handler reports it is working', async () => {
    const subject = bus.subjects.orderEvent('test', 'slow');
    await bus.publish(subject, item, { id: 'a', n: 1 });
    const got = inbox<number>();
    const consumer = await bus.consume({
      ...events('slow'),
      ackWaitMs: 1_000,
      handler: async (_msg, ctl) => {
        for (let i = 0; i < 5; i++) {
          await new Promise((r) => setTimeout(r, 300)); // the slow "exchange call" being simulated
          ctl.working();
        }
        got.push((await pending(bus.streams.orderEvents, 'slow')).redelivered);
        await ctl.ack();
      },
    });
    expect(await got.atLeast(1)).toEqual([0]);
    await consumer.stop();
  });

  it('gives invalid messages to onInvalid and terminates them; the handler sees only valid ones', async () => {
    const subject = bus.subjects.orderIntent('inv');
    const js = jetstream(bus.nc);
    await js.publish(subject, 'not json');
    await js.publish(subject, JSON.stringify({ id: 7, n: 1 }));
    await bus.publish(subject, item, { id: 'ok', n: 3 });
    const invalid = inbox<InvalidMessage>();
    const got = inbox<Seen>();
    const consumer = await bus.consume({
      stream: bus.streams.orderIntents,
      durable: 'inv',
      filterSubject: subject,
      schema: item,
      ackWaitMs: 1_000,
      onInvalid: async (raw) => invalid.push(raw),
      handler: async (msg, ctl) => {
        got.push(seen(msg, ctl));
        await ctl.ack();
      },
    });
    await got.atLeast(1);
    expect(got.items.map((s) => [s.msg, s.deliveryCount])).toEqual([[{ id: 'ok', n: 3 }, 1]]);
    expect(invalid.items).toEqual([
      { subject, data: 'not json', issues: [expect.stringMatching(/^not JSON: /)] },
      { subject, data: '{"id":7,"n":1}', issues: [expect.stringMatching(/^id: /)] },
    ]);
    // terminated, not pending: ack_wait (1 s) passing would redeliver anything still pending
    await until(
      async () => (await pending(bus.streams.orderIntents, 'inv')).ackPending === 0,
      'terms applied',
    );
    expect(await pending(bus.streams.orderIntents, 'inv')).toEqual({
      pending: 0,
      ackPending: 0,
      redelivered: 0,
    });
    expect((await jsm.streams.info(bus.streams.orderIntents)).state.messages).toBe(0);
    await consumer.stop();
    expect(invalid.items).toHaveLength(2);
  });

  it('without onInvalid, logs the issues and terminates the message', async () => {
    await jetstream(bus.nc).publish(bus.subjects.orderEvent('test', 'drop'), '{"id":"x"}');
    const consumer = await bus.consume({
      ...events('drop'),
      handler: async () => expect.fail('not for me'),
    });
    const line = await log.waitFor(
      (l) => l.msg === 'invalid message terminated' && l.durable === 'drop',
    );
    expect(line).toMatchObject({
      level: WARN,
      issues: [expect.stringMatching(/^n: /)],
      deliveryCount: 1,
    });
    await until(
      async () => (await pending(bus.streams.orderEvents, 'drop')).ackPending === 0,
      'term applied',
    );
    expect(await pending(bus.streams.orderEvents, 'drop')).toMatchObject({
      pending: 0,
      redelivered: 0,
    });
    await consumer.stop();
  });

  it('redelivers an invalid message whose onInvalid threw, so the report is retried', async () => {
    await jetstream(bus.nc).publish(bus.subjects.orderEvent('test', 'retry-invalid'), '[]');
    const calls = inbox<string>();
    const consumer = await bus.consume({
      ...events('retry-invalid'),
      retryDelayMs: 50,
      onInvalid: async (raw) => {
        calls.push(raw.data);
        if (calls.items.length === 1) throw new Error('audit write failed');
      },
      handler: async () => expect.fail('not for me'),
    });
    expect(await calls.atLeast(2)).toEqual(['[]', '[]']);
    expect(
      await log.waitFor((l) => l.msg === 'onInvalid failed; message will be redelivered'),
    ).toMatchObject({
      level: ERROR,
      err: expect.objectContaining({ message: 'audit write failed' }),
    });
    await log.waitFor(
      (l) => l.msg === 'invalid message terminated' && l.durable === 'retry-invalid',
    );
    await consumer.stop();
  });

  it('naks with a delay when the handler throws, and redelivers', async () => {
    await bus.publish(bus.subjects.orderEvent('test', 'throws'), item, { id: 'a', n: 1 });
    const got = inbox<number>();
    const consumer = await bus.consume({
      ...events('throws'),
      retryDelayMs: 50,
      handler: async (_msg, ctl) => {
        got.push(ctl.deliveryCount);
        if (ctl.deliveryCount === 1) throw new Error('db down');
        await ctl.ack();
      },
    });
    expect(await got.atLeast(2)).toEqual([1, 2]);
    expect(
      log.lines.find((l) => l.msg === 'handler failed' && l.durable === 'throws'),
    ).toMatchObject({
      level: ERROR,
      err: expect.objectContaining({ message: 'db down' }),
    });
    await consumer.stop();
  });

  it('redelivers when the handler returns without settling the message', async () => {
    await bus.publish(bus.subjects.orderEvent('test', 'forgot'), item, { id: 'a', n: 1 });
    const got = inbox<number>();
    const consumer = await bus.consume({
      ...events('forgot'),
      retryDelayMs: 50,
      handler: async (_msg, ctl) => {
        got.push(ctl.deliveryCount);
        if (ctl.deliveryCount === 2) await ctl.ack();
      },
    });
    expect(await got.atLeast(2)).toEqual([1, 2]);
    expect(
      log.lines.some((l) => l.level === WARN && l.msg.startsWith('handler returned without ack')),
    ).toBe(true);
    await consumer.stop();
  });

  it('does not redeliver a message acked before the handler threw', async () => {
    await bus.publish(bus.subjects.orderEvent('test', 'late-throw'), item, { id: 'a', n: 1 });
    let calls = 0;
    const consumer = await bus.consume({
      ...events('late-throw'),
      handler: async (_msg, ctl) => {
        calls++;
        await ctl.ack();
        throw new Error('after commit');
      },
    });
    await log.waitFor((l) => l.msg === 'handler failed' && l.durable === 'late-throw');
    expect(await pending(bus.streams.orderEvents, 'late-throw')).toEqual({
      pending: 0,
      ackPending: 0,
      redelivered: 0,
    });
    await consumer.stop();
    expect(calls).toBe(1);
  });

  it('says when the failed delivery was the last one JetStream will make', async () => {
    await bus.publish(bus.subjects.orderEvent('test', 'last'), item, { id: 'a', n: 1 });
    const consumer = await bus.consume({
      ...events('last'),
      maxDeliver: 1,
      handler: async (_msg, ctl) => {
        ctl.term('giving up');
        throw new Error('poison');
      },
    });
    const line = await log.waitFor((l) => l.durable === 'last' && l.level === ERROR);
    expect(line.msg).toBe('handler failed on the last delivery');
    expect(
      log.lines.find((l) => l.msg === 'message terminated' && l.durable === 'last'),
    ).toMatchObject({
      level: WARN,
      reason: 'giving up',
    });
    await until(
      async () => (await pending(bus.streams.orderEvents, 'last')).ackPending === 0,
      'term applied',
    );
    await consumer.stop();
  });
});
