import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { TestNats } from '@livegate/test-harness';
import { useNats } from '@livegate/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../test/support.js';
import { connectBus, type Bus } from './index.js';

describe('bus - ensureStreams', () => {
  let nats: TestNats;
  let bus: Bus;
  let jsm: JetStreamManager;
  const log = captureLogger();
  beforeAll(async () => {
    nats = useNats();
    bus = await connectBus({
      url: nats.url,
      name: 'streams-test',
      logger: log.logger,
      namespace: nats.namespace,
    });
    jsm = await jetstreamManager(bus.nc);
  });
  afterAll(async () => {
    await bus.close();
    await nats.cleanup();
  });

  const configs = async () =>
    Promise.all(
      Object.values(bus.streams).map(async (name) => (await jsm.streams.info(name)).config),
    );

  it('creates the six streams, and a second run changes nothing', async () => {
    await bus.ensureStreams();
    const first = await configs();
    expect(first.map((c) => c.name)).toEqual(Object.values(bus.streams));
    expect(first[0]).toMatchObject({
      subjects: [bus.subjects.orderIntentAll, bus.subjects.orderCancelAll],
      retention: 'workqueue',
      storage: 'file',
      duplicate_window: 600e9,
    });
    expect(first[1]).toMatchObject({ retention: 'limits', max_age: 30 * 86_400e9 });
    expect(log.lines.filter((l) => l.msg === 'stream created')).toHaveLength(6);

    await bus.ensureStreams();
    expect(await configs()).toEqual(first);
    expect(
      log.lines.filter((l) => l.msg === 'stream created' || l.msg === 'stream updated'),
    ).toHaveLength(6);
  });

  it('applies a changed duplicate window to the existing stream', async () => {
    await bus.ensureStreams({ intentDuplicateWindowMs: 5_000 });
    const info = await jsm.streams.info(bus.streams.orderIntents);
    expect(info.config.duplicate_window).toBe(5e9);
    expect(log.lines.filter((l) => l.msg === 'stream updated')).toEqual([
      expect.objectContaining({ stream: bus.streams.orderIntents, fields: ['duplicate_window'] }),
    ]);
    await bus.ensureStreams({ intentDuplicateWindowMs: 5_000 });
    expect(log.lines.filter((l) => l.msg === 'stream updated')).toHaveLength(1);
  });

  it('passes a failure other than "not found" through', async () => {
    const other = await connectBus({
      url: nats.url,
      name: 'closed',
      logger: log.logger,
      namespace: nats.namespace,
    });
    await other.close();
    await expect(other.ensureStreams()).rejects.toThrow(/closed/i);
  });
});
