import type { StreamDefinition } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** The part of a stream's server config that we own; everything else keeps the server default. */
export type ManagedStreamConfig = Pick<
  StreamConfig,
  | 'name'
  | 'subjects'
  | 'retention'
  | 'storage'
  | 'duplicate_window'
  | 'max_msgs_per_subject'
  | 'max_age'
  | 'max_msgs'
  | 'max_msg_size'
  | 'discard'
>;

/** Our stream definition as the server's config (every duration in nanoseconds). */
export function toStreamConfig(def: StreamDefinition): ManagedStreamConfig {
  return {
    name: def.name,
    subjects: [...def.subjects],
    retention: def.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: def.storage === 'file' ? StorageType.File : StorageType.Memory,
    duplicate_window: nanos(def.duplicateWindowMs),
    max_msgs_per_subject: def.maxMsgsPerSubject,
    max_age: nanos(def.maxAgeMs),
    max_msgs: def.maxMsgs,
    max_msg_size: def.maxMsgSize,
    discard: def.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
  };
}

/** Names of the managed fields whose server value differs from `want`. */
export function driftedFields(want: ManagedStreamConfig, have: StreamConfig): string[] {
  return (Object.keys(want) as (keyof ManagedStreamConfig)[]).filter(
    (key) => JSON.stringify(want[key]) !== JSON.stringify(have[key]),
  );
}

function isStreamNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound;
}

/** Creates each stream, or updates the fields that drifted; a second run changes nothing. */
export async function ensureStreams(
  jsm: JetStreamManager,
  defs: readonly StreamDefinition[],
  logger: Logger,
): Promise<void> {
  for (const def of defs) {
    const want = toStreamConfig(def);
    let have: StreamConfig;
    try {
      have = (await jsm.streams.info(def.name)).config;
    } catch (err) {
      if (!isStreamNotFound(err)) throw err;
      await jsm.streams.add(want);
      logger.info({ stream: def.name }, 'stream created');
      continue;
    }
    const drifted = driftedFields(want, have);
    if (drifted.length === 0) continue;
    await jsm.streams.update(def.name, want);
    logger.info({ stream: def.name, fields: drifted }, 'stream updated');
  }
}
