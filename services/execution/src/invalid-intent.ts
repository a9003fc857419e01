import { randomUUID } from 'node:crypto';
import {
  idToken,
  intentIdOfMsgId,
  intentModeSchema,
  intentSourceSchema,
  lastSubjectToken,
  type IntentMode,
  type OrderEvent,
} from '@livegate/contracts';
import { eventStamp } from '@livegate/db';
import { refusalEvent } from './order-events.js';

function field(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null
    ? (raw as Record<string, unknown>)[key]
    : undefined;
}

/**
 * The source an intent arrived under: the last token of its `orders.intent.<source>` subject (what
 * the sender's NATS user may publish on), or `invalid-source` when that is no usable source.
 */
export function subjectSource(subject: string): string {
  const token = intentSourceSchema.safeParse(lastSubjectToken(subject));
  return token.success ? token.data : 'invalid-source';
}

/**
 * The order.rejected INVALID_INTENT event for a message that is not an intent, published under the
 * source of the subject it came on. Its intentId is the
 * intent's own when usable, else the one its Nats-Msg-Id names for that source, else a generated
 * `invalid-<uuid>`; its mode the
 * intent's when usable, else `paper` (nothing was sent anywhere).
 */
export function invalidIntentEvent({
  raw,
  issues,
  msgId,
  now,
  source,
}: {
  source: string;
  raw: unknown;
  issues: readonly string[];
  msgId: string | undefined;
  now: number;
}): OrderEvent {
  const own = idToken.safeParse(field(raw, 'intentId'));
  const intentId = own.success
    ? own.data
    : (intentIdOfMsgId(msgId, source) ?? `invalid-${randomUUID()}`);
  const mode = intentModeSchema.safeParse(field(raw, 'mode'));
  const message = `The intent is invalid: ${issues.join('; ')}`;
  return refusalEvent(
    {
      intentId,
      source,
      mode: mode.success ? mode.data : ('paper' satisfies IntentMode),
      code: 'INVALID_INTENT',
      message: message.length > 1000 ? `${message.slice(0, 997)}...` : message,
      details: { issues: [...issues] },
    },
    eventStamp(now),
  );
}
