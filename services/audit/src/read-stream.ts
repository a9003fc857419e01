import type { Bus } from '@livegate/bus';
import { auditAnchorSchema, auditEventSchema, type AuditAnchor } from '@livegate/contracts';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';

/** A row's id and hash as the AUDIT stream recorded it when the row was announced. */
export interface PublishedRow {
  readonly id: string;
  readonly hash: string;
}

/** What the AUDIT stream holds about the chain. */
export interface PublishedAudit {
  readonly anchors: readonly AuditAnchor[];
  readonly rows: readonly PublishedRow[];
  /** Messages that are neither a valid anchor nor a valid audit event. */
  readonly unreadable: number;
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** Reads the whole AUDIT stream, up to its last message at the time of the call. */
export async function readAuditStream(
  bus: Pick<Bus, 'nc' | 'streams' | 'subjects'>,
): Promise<PublishedAudit> {
  const anchors: AuditAnchor[] = [];
  const rows: PublishedRow[] = [];
  let unreadable = 0;
  const { state } = await (await jetstreamManager(bus.nc)).streams.info(bus.streams.audit);
  if (state.messages === 0) return { anchors, rows, unreadable };
  const consumer = await jetstream(bus.nc).consumers.get(bus.streams.audit, {
    deliver_policy: DeliverPolicy.All,
  });
  const messages = await consumer.consume();
  for await (const m of messages) {
    const raw = parseJson(m.string());
    const anchor = auditAnchorSchema.safeParse(raw);
    const event = auditEventSchema.safeParse(raw);
    if (m.subject === bus.subjects.auditAnchor && anchor.success) anchors.push(anchor.data);
    else if (m.subject !== bus.subjects.auditAnchor && event.success)
      rows.push({ id: event.data.id, hash: event.data.hash });
    else unreadable += 1;
    if (m.seq >= state.last_seq) break;
  }
  messages.stop();
  return { anchors, rows, unreadable };
}
