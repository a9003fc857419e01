/**
 * The idempotency key of an intent is the pair (source, intentId): one key is at most one exchange
 * order, and two strategies may use the same intentId without touching each other's orders.
 */
export interface IntentKey {
  readonly source: string;
  readonly intentId: string;
}

const TOKEN = '[A-Za-z0-9_-]';

/**
 * `<source>:<intentId>`: the key as one string (a source and an intentId never contain `:`), e.g. for
 * a map, a log line or the derivation of a client order id.
 */
export function intentKeyString({ source, intentId }: IntentKey): string {
  return `${source}:${intentId}`;
}

/**
 * The `Nats-Msg-Id` of an intent on `orders.intent.<source>`: `<source>:<intentId>`, or
 * `<source>:<intentId>:<tag>` with a tag of 1..64 `[A-Za-z0-9_-]`. JetStream dedups message ids
 * stream-wide and any publisher may set any id, so another strategy that guesses the plain id can
 * make the stream drop this one; an unguessable tag (the same for every retry of one intent, e.g. a
 * keyed hash of the key) keeps the id out of its reach. Execution refuses a message whose id is not
 * one of these two forms for the source of its subject and the intentId of its body.
 */
export function intentMsgId(key: IntentKey, tag?: string): string {
  return tag === undefined ? intentKeyString(key) : `${intentKeyString(key)}:${tag}`;
}

const TAG = new RegExp(`^${TOKEN}{1,64}$`);

/** True when `msgId` is {@link intentMsgId} of `key`, with or without a tag. */
export function isIntentMsgIdOf(msgId: string | undefined, key: IntentKey): boolean {
  if (msgId === undefined) return false;
  const plain = intentKeyString(key);
  if (msgId === plain) return true;
  return msgId.startsWith(`${plain}:`) && TAG.test(msgId.slice(plain.length + 1));
}

/** The intentId named by an intent message id of `source` (for a message whose body has none). */
export function intentIdOfMsgId(msgId: string | undefined, source: string): string | undefined {
  const match = new RegExp(`^${source}:(${TOKEN}{1,64})(?::|$)`).exec(msgId ?? '');
  return match?.[1];
}
