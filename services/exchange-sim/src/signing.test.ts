import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, signatureMatches, signedPayload } from './signing.js';

// The illustrative keys and payload of Binance's "SIGNED endpoint examples" (BINANCE.md §1).
const DOC_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const DOC_PAYLOAD =
  'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
const DOC_SIGNATURE = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71';

describe('signing', () => {
  it('reproduces the HMAC-SHA256 test vector from the Binance docs', () => {
    expect(hmacSha256Hex(DOC_SECRET, DOC_PAYLOAD)).toBe(DOC_SIGNATURE);
  });

  it('accepts the signature in any hex case and rejects a different one', () => {
    expect(signatureMatches(DOC_SECRET, DOC_PAYLOAD, DOC_SIGNATURE.toUpperCase())).toBe(true);
    expect(signatureMatches(DOC_SECRET, DOC_PAYLOAD, DOC_SIGNATURE.replace('c8', 'c9'))).toBe(
      false,
    );
    expect(signatureMatches(DOC_SECRET, DOC_PAYLOAD, 'abc')).toBe(false);
    expect(signatureMatches(DOC_SECRET.toLowerCase(), DOC_PAYLOAD, DOC_SIGNATURE)).toBe(false);
  });

  it('signs the raw query followed directly by the raw body, without the signature pairs', () => {
    expect(signedPayload(`${DOC_PAYLOAD}&signature=${DOC_SIGNATURE}`, '')).toBe(DOC_PAYLOAD);
    expect(signedPayload('symbol=LTCBTC&side=BUY', 'type=LIMIT&signature=ff')).toBe(
      'symbol=LTCBTC&side=BUYtype=LIMIT',
    );
    expect(signedPayload('', 'a=1&b=%20x')).toBe('a=1&b=%20x');
  });
});
