import { describe, expect, it } from 'vitest';
import { createAccounts } from './accounts.js';
import { authenticate } from './auth.js';
import { hmacSha256Hex } from './signing.js';

const NOW = 1_700_000_000_000;
const accounts = createAccounts({ clock: () => NOW });
const account = accounts.create({
  apiKey: 'KEY1',
  apiSecret: 'secret-1',
  balances: {},
  makerRate: '0.001',
  takerRate: '0.001',
});
const find = (key: string) => accounts.get(key);

function request(query: string, { key = 'KEY1', secret = 'secret-1', body = '' } = {}) {
  const signature = hmacSha256Hex(secret, query + body);
  return { apiKeyHeader: key, rawQuery: `${query}&signature=${signature}`, rawBody: body };
}
const codeOf = (result: ReturnType<typeof authenticate>) => (result.ok ? 'ok' : result.error.code);

describe('authenticate', () => {
  it('accepts a correctly signed request and returns the account with every parameter', () => {
    const result = authenticate(request(`symbol=BTCUSDT&timestamp=${NOW}`), find, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.account).toBe(account);
    expect(result.value.params.get('symbol')).toBe('BTCUSDT');
  });

  it('signs query plus body when parameters come in a form body (signature in the body)', () => {
    const body = `side=BUY&timestamp=${NOW}`;
    const signature = hmacSha256Hex('secret-1', `symbol=BTCUSDT${body}`);
    const sent = {
      apiKeyHeader: 'KEY1',
      rawQuery: 'symbol=BTCUSDT',
      rawBody: `${body}&signature=${signature}`,
    };
    expect(codeOf(authenticate(sent, find, NOW))).toBe('ok');
  });

  it('refuses a missing or malformed key with -2014 (401) and an unknown one with -2015 (401)', () => {
    const base = request(`timestamp=${NOW}`);
    expect(authenticate({ ...base, apiKeyHeader: undefined }, find, NOW)).toEqual({
      ok: false,
      error: { status: 401, code: -2014, msg: 'API-key format invalid.' },
    });
    expect(codeOf(authenticate({ ...base, apiKeyHeader: 'bad key!' }, find, NOW))).toBe(-2014);
    expect(authenticate({ ...base, apiKeyHeader: 'OTHER' }, find, NOW)).toEqual({
      ok: false,
      error: { status: 401, code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
    });
  });

  it('requires signature and timestamp (-1102) and refuses duplicated parameters (-1101)', () => {
    expect(
      codeOf(
        authenticate(
          { apiKeyHeader: 'KEY1', rawQuery: `timestamp=${NOW}`, rawBody: '' },
          find,
          NOW,
        ),
      ),
    ).toBe(-1102);
    expect(
      codeOf(
        authenticate(
          { apiKeyHeader: 'KEY1', rawQuery: `timestamp=${NOW}&signature=`, rawBody: '' },
          find,
          NOW,
        ),
      ),
    ).toBe(-1102);
    const noTimestamp = authenticate(request('symbol=BTCUSDT'), find, NOW);
    expect(noTimestamp.ok ? undefined : noTimestamp.error.msg).toBe(
      "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
    );
    expect(codeOf(authenticate(request('timestamp=12.5'), find, NOW))).toBe(-1102);
    expect(codeOf(authenticate(request(`a=1&a=2&timestamp=${NOW}`), find, NOW))).toBe(-1101);
  });

  it('applies recvWindow: default 5000, at most 60000 (-1102), well-formed (-1100), 1000 ms future tolerance (-1021)', () => {
    expect(codeOf(authenticate(request(`timestamp=${NOW - 5000}`), find, NOW))).toBe('ok');
    const stale = authenticate(request(`timestamp=${NOW - 5001}`), find, NOW);
    expect(stale).toEqual({
      ok: false,
      error: {
        status: 400,
        code: -1021,
        msg: 'Timestamp for this request is outside of the recvWindow.',
      },
    });
    expect(
      codeOf(authenticate(request(`recvWindow=60000&timestamp=${NOW - 60000}`), find, NOW)),
    ).toBe('ok');
    expect(codeOf(authenticate(request(`recvWindow=2.5&timestamp=${NOW - 2}`), find, NOW))).toBe(
      'ok',
    );
    expect(codeOf(authenticate(request(`recvWindow=2.5&timestamp=${NOW - 3}`), find, NOW))).toBe(
      -1021,
    );
    expect(authenticate(request(`recvWindow=60001&timestamp=${NOW}`), find, NOW)).toEqual({
      ok: false,
      error: {
        status: 400,
        code: -1102,
        msg: "'recvWindow' contains unexpected value. Cannot be greater than '60000'.",
      },
    });
    const malformed = authenticate(request(`recvWindow=abc&timestamp=${NOW}`), find, NOW);
    expect(malformed.ok ? undefined : malformed.error.msg).toBe(
      "Illegal characters found in parameter 'recvWindow'; legal range is '^[0-9]{1,20}(\\.[0-9]{1,3})?$'.",
    );
    expect(codeOf(authenticate(request(`timestamp=${NOW + 999}`), find, NOW))).toBe('ok');
    const ahead = authenticate(request(`timestamp=${NOW + 1000}`), find, NOW);
    expect(ahead).toEqual({
      ok: false,
      error: {
        status: 400,
        code: -1021,
        msg: "Timestamp for this request was 1000ms ahead of the server's time.",
      },
    });
  });

  it('reads a microsecond timestamp as microseconds', () => {
    expect(codeOf(authenticate(request(`timestamp=${NOW * 1000 - 4_000_000}`), find, NOW))).toBe(
      'ok',
    );
    expect(codeOf(authenticate(request(`timestamp=${NOW * 1000 - 6_000_000}`), find, NOW))).toBe(
      -1021,
    );
  });

  it('refuses a signature made with another secret or over other parameters with -1022', () => {
    expect(authenticate(request(`timestamp=${NOW}`, { secret: 'wrong' }), find, NOW)).toEqual({
      ok: false,
      error: { status: 400, code: -1022, msg: 'Signature for this request is not valid.' },
    });
    const tampered = request(`quantity=1&timestamp=${NOW}`);
    expect(
      codeOf(
        authenticate(
          { ...tampered, rawQuery: tampered.rawQuery.replace('quantity=1', 'quantity=2') },
          find,
          NOW,
        ),
      ),
    ).toBe(-1022);
  });
});
