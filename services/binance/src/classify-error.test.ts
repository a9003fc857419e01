import { describe, expect, it } from 'vitest';
import { classifyError, type ClassifyContext } from './classify-error.js';
import type { HttpFacts } from './http-status-probe.js';
import { createRedactor } from './redact.js';
import { VenueTimeoutError } from './with-timeout.js';

const NOW = 1_700_000_000_000;
const SECRET = 'canary-secret-9d1';

function ctx(facts?: HttpFacts): ClassifyContext {
  return { facts, now: NOW, defaultBackoffMs: 10_000, redact: createRedactor([SECRET]) };
}

/** Shaped like binance-api-node's error for a JSON error body. */
function apiError(code: number, msg: string) {
  return Object.assign(new Error(msg), {
    code,
    url: `http://h/api/v3/order?x=1&signature=deadbeef`,
  });
}

/** Shaped like binance-api-node's error for a non-JSON body. */
function proxyError(status: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`${status} Bad Gateway <html>signature=deadbeef</html>`), {
    response: { status, headers: new Headers(headers) },
    responseText: '<html></html>',
  });
}

/** Shaped like node-fetch's FetchError for a socket failure (its message holds the signed URL). */
function networkError(code: string) {
  return Object.assign(
    new Error(`request to http://h/api/v3/order?signature=deadbeef failed, reason: ${code}`),
    {
      name: 'FetchError',
      type: 'system',
      code,
      errno: code,
    },
  );
}

describe('classifyError - placement (DESIGN.md §5)', () => {
  it.each([
    [-2010, 'Account has insufficient balance for requested action.'],
    [-1013, 'Filter failure: LOT_SIZE'],
    [-1100, "Illegal characters found in parameter 'newClientOrderId'."],
    [-1111, "Parameter 'quantity' has too much precision."],
    [-1121, 'Invalid symbol.'],
  ])('%i is a definitive rejection with code and message kept', (code, msg) => {
    expect(classifyError(apiError(code, msg), 'place', ctx())).toEqual({
      kind: 'rejected',
      source: 'venue',
      code,
      message: msg,
    });
  });

  it('-2010 "Duplicate order sent." is a duplicate, not a rejection', () => {
    expect(classifyError(apiError(-2010, 'Duplicate order sent.'), 'place', ctx())).toEqual({
      kind: 'duplicate',
      message: 'Duplicate order sent.',
    });
  });

  it.each([-1007, -1006, -1000, -1001, -1008, -1016])(
    '%i is unknown (venue said status unknown)',
    (code) => {
      expect(
        classifyError(apiError(code, 'Timeout waiting for response.'), 'place', ctx()),
      ).toMatchObject({
        kind: 'unknown',
        cause: 'venue-unknown',
        code,
      });
    },
  );

  it('a definitive-looking code answered with HTTP 5xx is unknown', () => {
    expect(
      classifyError(apiError(-2010, 'x'), 'place', ctx({ status: 503, retryAfterMs: undefined })),
    ).toMatchObject({
      kind: 'unknown',
      cause: 'server-error',
      code: -2010,
    });
  });

  it('an unclassified code is unknown unless the status says 4xx', () => {
    expect(classifyError(apiError(-9999, 'odd'), 'place', ctx())).toMatchObject({
      kind: 'unknown',
      cause: 'unrecognised',
    });
    expect(
      classifyError(apiError(-9999, 'odd'), 'place', ctx({ status: 400, retryAfterMs: undefined })),
    ).toMatchObject({
      kind: 'rejected',
      code: -9999,
    });
  });

  it('our own timeout is unknown', () => {
    expect(classifyError(new VenueTimeoutError(250), 'place', ctx())).toEqual({
      kind: 'unknown',
      cause: 'timeout',
      message: 'no answer within 250 ms',
    });
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT'])(
    '%s is unknown (network) and the signed URL is dropped',
    (code) => {
      const outcome = classifyError(networkError(code), 'place', ctx());
      expect(outcome).toEqual({
        kind: 'unknown',
        cause: 'network',
        message: `network error: ${code}`,
      });
    },
  );

  it('a system error without a code is still a network error', () => {
    expect(
      classifyError(Object.assign(new Error('x'), { type: 'system' }), 'place', ctx()),
    ).toMatchObject({
      cause: 'network',
      message: 'network error: system error',
    });
  });

  it('a non-JSON 5xx body is unknown; a non-JSON 4xx body is unknown too', () => {
    expect(classifyError(proxyError(502), 'place', ctx())).toEqual({
      kind: 'unknown',
      cause: 'server-error',
      message: 'HTTP 502 with a body that is not a Binance error',
    });
    expect(classifyError(proxyError(403), 'place', ctx())).toMatchObject({
      kind: 'unknown',
      cause: 'unrecognised',
    });
  });

  it('a status seen only by the probe is used when the error carries none', () => {
    expect(
      classifyError(new Error('500 weird'), 'place', ctx({ status: 500, retryAfterMs: undefined })),
    ).toMatchObject({
      kind: 'unknown',
      cause: 'server-error',
    });
  });

  it('anything else is unknown with a redacted message', () => {
    expect(classifyError(new Error(`boom ${SECRET} signature=abc`), 'place', ctx())).toEqual({
      kind: 'unknown',
      cause: 'unrecognised',
      message: 'boom [redacted] signature=[redacted]',
    });
    expect(classifyError('a string', 'place', ctx())).toMatchObject({
      kind: 'unknown',
      message: 'a string',
    });
    expect(classifyError({ code: -1013 }, 'place', ctx())).toMatchObject({
      kind: 'rejected',
      message: '',
    });
    expect(classifyError({ code: 'weird' }, 'place', ctx())).toMatchObject({
      kind: 'unknown',
      message: '[object Object]',
    });
  });
});

describe('classifyError - rate limits', () => {
  it('-1003 with Retry-After from the probe', () => {
    expect(
      classifyError(
        apiError(-1003, 'Too much request weight used'),
        'place',
        ctx({ status: 429, retryAfterMs: 7_000 }),
      ),
    ).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 7_000,
      banned: false,
      code: -1003,
      message: 'Too much request weight used',
    });
  });

  it('-1003 without any status falls back to the default backoff', () => {
    expect(
      classifyError(apiError(-1003, 'Too many requests queued.'), 'query', ctx()),
    ).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 10_000,
      banned: false,
    });
  });

  it('-1015 too many orders is rate-limited', () => {
    expect(classifyError(apiError(-1015, 'Too many new orders.'), 'place', ctx())).toMatchObject({
      kind: 'rate-limited',
      code: -1015,
    });
  });

  it('418 is a ban; "banned until" gives the wait when no header does', () => {
    const msg = `Way too much request weight used; IP banned until ${NOW + 120_000}.`;
    expect(classifyError(apiError(-1003, msg), 'place', ctx())).toMatchObject({
      kind: 'rate-limited',
      banned: true,
      retryAfterMs: 120_000,
    });
    expect(
      classifyError(apiError(-1003, 'x'), 'place', ctx({ status: 418, retryAfterMs: 60_000 })),
    ).toMatchObject({
      banned: true,
      retryAfterMs: 60_000,
    });
    expect(
      classifyError(apiError(-1003, `IP banned until ${NOW - 5}`), 'place', ctx()),
    ).toMatchObject({ retryAfterMs: 0 });
  });

  it('a 429 of any code, and a non-JSON 429/418, are rate-limited', () => {
    expect(
      classifyError(apiError(-1, 'x'), 'place', ctx({ status: 429, retryAfterMs: undefined })),
    ).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 10_000,
    });
    expect(classifyError(proxyError(429, { 'retry-after': '3' }), 'place', ctx())).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 3_000,
      banned: false,
      code: undefined,
      message: 'HTTP 429',
    });
    expect(
      classifyError(proxyError(418), 'place', ctx({ status: 418, retryAfterMs: 5_000 })),
    ).toMatchObject({
      banned: true,
      retryAfterMs: 5_000,
    });
  });
});

describe('classifyError - configuration faults', () => {
  it.each([-1021, -1022, -2014, -2015, -1002])('%i is a config fault', (code) => {
    expect(
      classifyError(apiError(code, 'Signature for this request is not valid.'), 'place', ctx()),
    ).toEqual({
      kind: 'config-fault',
      code,
      message: 'Signature for this request is not valid.',
    });
  });
});

describe('classifyError - lookups and cancels', () => {
  it('-2013 and -2026 are not-found for a lookup', () => {
    expect(classifyError(apiError(-2013, 'Order does not exist.'), 'lookup', ctx())).toEqual({
      kind: 'not-found',
      code: -2013,
      message: 'Order does not exist.',
    });
    expect(
      classifyError(apiError(-2026, 'Order was canceled or expired'), 'lookup', ctx()),
    ).toMatchObject({ kind: 'not-found', code: -2026 });
  });

  it('-2011 "Unknown order sent." is not-found for a cancel; other -2011 is a rejection', () => {
    expect(classifyError(apiError(-2011, 'Unknown order sent.'), 'cancel', ctx())).toMatchObject({
      kind: 'not-found',
      code: -2011,
    });
    expect(classifyError(apiError(-2013, 'Order does not exist.'), 'cancel', ctx())).toMatchObject({
      kind: 'not-found',
      code: -2013,
    });
    expect(
      classifyError(
        apiError(-2011, 'Order was not canceled due to cancel restrictions.'),
        'cancel',
        ctx(),
      ),
    ).toMatchObject({
      kind: 'rejected',
      code: -2011,
    });
  });

  it('a duplicate message outside placement is just a rejection', () => {
    expect(classifyError(apiError(-2010, 'Duplicate order sent.'), 'query', ctx())).toMatchObject({
      kind: 'rejected',
    });
    expect(classifyError(apiError(-2013, 'Order does not exist.'), 'query', ctx())).toMatchObject({
      kind: 'rejected',
    });
  });
});
