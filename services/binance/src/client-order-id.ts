import { createHash } from 'node:crypto';

/** Every client order id livegate sends starts with this, so our orders are recognisable on the venue. */
export const CLIENT_ORDER_ID_PREFIX = 'lg-';

const HASH_CHARS = 33;
const OURS = new RegExp(`^${CLIENT_ORDER_ID_PREFIX}[A-Za-z0-9_-]{${HASH_CHARS}}$`);

/**
 * The client order id for an intent key: `lg-` + 33 base64url characters of SHA-256(key), 36 in all
 * (Binance's safe limit, `[A-Za-z0-9_-]{1,36}`). The same key always gives the same id, so a resend
 * of one intent can be looked up by `origClientOrderId`.
 */
export function clientOrderIdFor(key: string): string {
  const digest = createHash('sha256').update(key, 'utf8').digest('base64url');
  return `${CLIENT_ORDER_ID_PREFIX}${digest.slice(0, HASH_CHARS)}`;
}

/** True for ids made by {@link clientOrderIdFor}; anything else on the venue is an external order. */
export function isOurClientOrderId(id: string): boolean {
  return OURS.test(id);
}
