import {
  auditEventSchema,
  formatIssues,
  modeChangedSchema,
  orderEventSchema,
  reconcileCompletedSchema,
  type WsFrame,
} from '@livegate/contracts';
import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { Logger } from '@livegate/runtime';
import type { z } from 'zod';
import type { GatewayBus } from '../bus/gateway-bus.js';

type EventFrameType = Exclude<WsFrame['type'], 'snapshot' | 'heartbeat' | 'money.changed'>;

interface FeedSource {
  readonly stream: string;
  readonly subject: string;
  readonly type: EventFrameType;
  readonly schema: z.ZodType;
}

export interface Feed {
  stop(): Promise<void>;
}

/** Which stream and subject each frame type comes from. */
export function feedSources(bus: Pick<GatewayBus, 'subjects' | 'streams'>): readonly FeedSource[] {
  const { subjects: s, streams } = bus;
  return [
    {
      stream: streams.mode,
      subject: s.modeChanged,
      type: 'mode.changed',
      schema: modeChangedSchema,
    },
    {
      stream: streams.reconcile,
      subject: s.reconcileCompleted,
      type: 'reconcile.completed',
      schema: reconcileCompletedSchema,
    },
    {
      stream: streams.orderEvents,
      subject: s.orderEventAll,
      type: 'order.event',
      schema: orderEventSchema,
    },
    { stream: streams.audit, subject: s.auditAll, type: 'audit.event', schema: auditEventSchema },
  ];
}

/**
 * Follows each source with an ordered consumer from "now on" (nothing durable: every gateway sees every
 * event) and hands each valid message to `emit` as a frame with its stream sequence. Invalid messages
 * are logged and skipped. Resolves once every consumer is in place.
 */
export async function startFeed({
  bus,
  logger,
  emit,
}: {
  bus: GatewayBus;
  logger: Logger;
  emit: (frame: WsFrame) => void;
}): Promise<Feed> {
  const js = jetstream(bus.nc);
  const running: ConsumerMessages[] = [];
  const loops: Promise<void>[] = [];
  const stop = async () => {
    for (const messages of running) messages.stop();
    await Promise.all(loops);
  };
  for (const source of feedSources(bus)) {
    let messages: ConsumerMessages;
    try {
      const consumer = await js.consumers.get(source.stream, {
        filter_subjects: source.subject,
        deliver_policy: DeliverPolicy.New,
      });
      messages = await consumer.consume();
    } catch (err) {
      await stop();
      throw err;
    }
    running.push(messages);
    loops.push(
      (async () => {
        for await (const m of messages) {
          let raw: unknown;
          try {
            raw = m.json();
          } catch {
            raw = undefined;
          }
          const parsed = source.schema.safeParse(raw);
          if (!parsed.success) {
            logger.warn(
              { subject: m.subject, seq: m.seq, issues: formatIssues(parsed.error) },
              'event not forwarded: invalid',
            );
            continue;
          }
          emit({ type: source.type, data: parsed.data, seq: m.seq } as WsFrame);
        }
      })(),
    );
  }
  return { stop };
}
