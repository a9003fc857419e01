import { orderEventSchema, type IntentKey } from '@livegate/contracts';
import type { Queryable } from './db.js';
import type { Announcements, Publisher } from './publisher.js';

/**
 * The `order.accepted` announcement of a stored intent, started without waiting (issue 12, pipeline
 * speed): the order is checked, fenced and sent while the bus stores the event. `confirmed()` waits
 * for the bus and throws the error of a failed publish; the caller must not ack the intent message
 * before it resolved, so a dropped publish leaves the message to be redelivered, and
 * {@link republishAccepted} sends the stored event again.
 */
export function announceAccepted(
  publisher: Publisher,
  announcements: Announcements,
): { confirmed(): Promise<void> } {
  const publishing = publisher.announce(announcements).then(
    () => ({ ok: true as const }),
    (err: unknown) => ({ ok: false as const, err }),
  );
  return {
    async confirmed() {
      const result = await publishing;
      if (!result.ok) throw result.err;
    },
  };
}

/**
 * On a redelivery, the intent's stored `order.accepted` event is published again, as it was stored
 * (same eventId: a copy the stream already holds is dropped by its dedup). Its first publish may have
 * been dropped, or the process may have stopped before the bus had it. Nothing stored, nothing sent.
 */
export async function republishAccepted(
  deps: { readonly db: Queryable; readonly publisher: Publisher },
  key: IntentKey,
): Promise<void> {
  const stored = await deps.db
    .selectFrom('execution.order_events')
    .select('payload')
    .where('source', '=', key.source)
    .where('intent_id', '=', key.intentId)
    .where('type', '=', 'order.accepted')
    .execute();
  const events = stored.map((r) => orderEventSchema.parse(r.payload));
  await deps.publisher.announce({ events, audits: [] });
}

/**
 * The intents whose `order.accepted` this process saw confirmed and whose message is not acked yet
 * (nak'd to retry later): their redelivery here need not republish it. Another process's redelivery
 * does not know, and republishes (the stream drops the copy; plain subscribers may see it twice).
 * Bounded: the oldest are forgotten first, which only costs a republish.
 */
export function createAcceptedLedger(limit = 10_000) {
  const confirmed = new Set<string>();
  return {
    confirmed(key: string) {
      confirmed.add(key);
      if (confirmed.size > limit) confirmed.delete(confirmed.values().next().value as string);
    },
    has: (key: string) => confirmed.has(key),
    forget: (key: string) => void confirmed.delete(key),
  };
}
