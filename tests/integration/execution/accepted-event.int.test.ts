import { orderEventSchema, type OrderEvent } from '@livegate/contracts';
import { readStream } from '@livegate/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

/**
 * `order.accepted` goes out while the order is checked, fenced and sent (issue 12, pipeline speed):
 * its JetStream ack is awaited only before the intent message is acked. A dropped publish must still
 * reach the stream: the message is not acked, and its redelivery republishes the stored event.
 */
let s: Stack;
beforeAll(async () => {
  s = await startStack();
  // No plain subscriber on the order events: without the stream a publish then fails at once (no
  // responders) instead of being heard by the collector and timing out.
  s.events.stop();
});
afterAll(async () => {
  await s.stop();
});

/** Every order event of the intent that the ORDER_EVENTS stream holds, in stream order (none without it). */
const storedEvents = async (intentId: string): Promise<OrderEvent[]> =>
  (
    await readStream(s.nats.url, s.bus.streams.orderEvents, {
      filterSubject: s.bus.subjects.orderEvent('test', intentId),
    }).catch(() => [])
  ).map((r) => orderEventSchema.parse(r.json));

describe('execution - order.accepted without waiting for its ack before the send', () => {
  it('a dropped order.accepted publish is republished: the stored event reaches the stream, one exchange order', async () => {
    const stacked = await s.startExecution({
      timing: { workingEveryMs: 1_000 },
      crash: async (point) => {
        // The accepted publish went out before this point (on the same connection): it found no
        // stream. The stream is back before the venue answers, so only that publish was dropped.
        if (point === 'after-fence-commit')
          await s.bus.ensureStreams({ intentDuplicateWindowMs: 60_000 });
      },
    });
    expect(stacked.liveIntakeOpen()).toBe(true);
    await s.bus.nc.request(`$JS.API.STREAM.DELETE.${s.bus.streams.orderEvents}`);
    const i = intent({ timeInForce: 'IOC' });
    await s.publish(i);

    const stored = await waitFor('the stored order.accepted event', async () =>
      s.t.db
        .selectFrom('execution.order_events')
        .select('payload')
        .where('intent_id', '=', i.intentId)
        .where('type', '=', 'order.accepted')
        .executeTakeFirst(),
    );
    const accepted = orderEventSchema.parse(stored.payload);
    const events = await waitFor(
      'order.accepted in the stream',
      async () => {
        const all = await storedEvents(i.intentId);
        return all.some((e) => e.type === 'order.accepted') && all;
      },
      { timeoutMs: 15_000 },
    );
    expect(events.filter((e) => e.type === 'order.accepted')).toEqual([accepted]);
    expect(events.map((e) => e.type)).toContain('order.submitted');
    expect(await s.simOrders('paper')).toHaveLength(1);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'EXPIRED');
    expect(row.attempts).toBe(1);
  });
});
