import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of `payload` keyed with `secret`, lower-case hex (what Binance clients send). */
export function hmacSha256Hex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * What Binance signs: the raw query string as received (still percent-encoded) without its
 * `signature` pair, followed directly by the raw
 * body (also without `signature`).
 */
export function signedPayload(rawQuery: string, rawBody: string): string {
  return withoutSignature(rawQuery) + withoutSignature(rawBody);
}

function withoutSignature(raw: string): string {
  return raw
    .split('&')
    .filter((pair) => pair !== '' && !pair.startsWith('signature='))
    .join('&');
}

/** Compares a sent hex signature with the expected one; hex case is ignored, as on Binance. */
export function signatureMatches(secret: string, payload: string, sent: string): boolean {
  const expected = Buffer.from(hmacSha256Hex(secret, payload), 'utf8');
  const given = Buffer.from(sent.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
