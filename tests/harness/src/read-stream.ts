import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

export interface StreamRecord {
  readonly seq: number;
  readonly subject: string;
  /** The message body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Every message a stream holds now on `filterSubject` (default: all), oldest first, read with an
 * ordered consumer on a connection of its own. For checks after the fact (what was published, in
 * the stream's own record), not for following a stream.
 */
export async function readStream(
  url: string,
  stream: string,
  { filterSubject, timeoutMs = 5_000 }: { filterSubject?: string; timeoutMs?: number } = {},
): Promise<StreamRecord[]> {
  const nc = await connect({ servers: url });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(stream);
    const records: StreamRecord[] = [];
    if (info.state.messages === 0) return records;
    const consumer = await jetstream(nc).consumers.get(
      stream,
      filterSubject === undefined ? {} : { filter_subjects: filterSubject },
    );
    for (;;) {
      const m = await consumer.next({ expires: timeoutMs });
      if (m === null) return records;
      records.push({ seq: m.seq, subject: m.subject, json: parse(m.string()) });
      if (m.info.pending === 0) return records;
    }
  } finally {
    await nc.close();
  }
}

/** How many messages `stream` holds now (a work-queue stream: how many are not yet acknowledged). */
export async function streamMessageCount(url: string, stream: string): Promise<number> {
  const nc = await connect({ servers: url });
  try {
    return (await (await jetstreamManager(nc)).streams.info(stream)).state.messages;
  } finally {
    await nc.close();
  }
}

/**
 * Messages a durable consumer has not finished: not yet delivered plus delivered and not acked. (A
 * work-queue stream can keep an acked message after a server restart — nats-server 2.9 — so the
 * stream's own count overstates what is left to do.)
 */
export async function consumerBacklog(
  url: string,
  stream: string,
  durable: string,
): Promise<number> {
  const nc = await connect({ servers: url });
  try {
    const info = await (await jetstreamManager(nc)).consumers.info(stream, durable);
    return info.num_pending + info.num_ack_pending;
  } finally {
    await nc.close();
  }
}
