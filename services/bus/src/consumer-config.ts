import {
  AckPolicy,
  DeliverPolicy,
  ReplayPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

export interface ConsumerSettings {
  readonly durable: string;
  readonly filterSubject?: string;
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
}

/** A durable pull consumer with explicit acks (every duration in nanoseconds). */
export function toConsumerConfig(s: ConsumerSettings): ConsumerConfig {
  return {
    durable_name: s.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: nanos(s.ackWaitMs),
    max_deliver: s.maxDeliver,
    filter_subject: s.filterSubject,
  };
}

const UPDATABLE = ['ack_wait', 'max_deliver', 'filter_subject'] as const;

/** Creates the durable, or updates the fields that may change; identical settings change nothing. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  settings: ConsumerSettings,
): Promise<void> {
  const want = toConsumerConfig(settings);
  try {
    const have = (await jsm.consumers.info(stream, settings.durable)).config;
    if (UPDATABLE.every((key) => have[key] === want[key])) return;
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound))
      throw err;
    await jsm.consumers.add(stream, want);
    return;
  }
  await jsm.consumers.update(stream, settings.durable, {
    ack_wait: want.ack_wait,
    max_deliver: want.max_deliver,
    filter_subject: want.filter_subject,
  });
}
