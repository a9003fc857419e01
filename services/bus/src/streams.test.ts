import { streamDefinitions } from '@livegate/contracts';
import type { StreamConfig } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { driftedFields, toStreamConfig } from './streams.js';

describe('streams - server config', () => {
  const [intents, events] = streamDefinitions({ namespace: 'x1', intentDuplicateWindowMs: 5_000 });

  it('maps retention, storage and every duration to nanoseconds', () => {
    expect(toStreamConfig(intents!)).toEqual({
      name: 'X1_ORDER_INTENTS',
      subjects: ['x1.orders.intent.>', 'x1.orders.cancel.>'],
      retention: 'workqueue',
      storage: 'file',
      duplicate_window: 5_000_000_000,
      max_msgs_per_subject: -1,
      max_age: 0,
      max_msgs: 1_000_000,
      max_msg_size: 64 * 1024,
      discard: 'new',
    });
    expect(toStreamConfig(events!)).toMatchObject({
      retention: 'limits',
      max_age: 30 * 86_400 * 1e9,
      discard: 'old',
    });
    expect(toStreamConfig({ ...events!, storage: 'memory' }).storage).toBe('memory');
  });

  it('names only the managed fields that differ from the server', () => {
    const want = toStreamConfig(intents!);
    const have = {
      ...want,
      num_replicas: 1,
      duplicate_window: 1,
      subjects: ['other'],
    } as StreamConfig;
    expect(driftedFields(want, have)).toEqual(['subjects', 'duplicate_window']);
    expect(driftedFields(want, { ...want, num_replicas: 3 } as StreamConfig)).toEqual([]);
  });
});
