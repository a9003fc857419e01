import { describe, expect, it } from 'vitest';
import { parseParams, rawQueryOf } from './params.js';

describe('parseParams', () => {
  it('decodes query and body, the query winning on a name sent in both', () => {
    const parsed = parseParams('symbol=BTCUSDT&price=1', 'price=2&side=BUY&note=a+b%21');
    expect(parsed.ok && Object.fromEntries(parsed.value)).toEqual({
      symbol: 'BTCUSDT',
      price: '1',
      side: 'BUY',
      note: 'a b!',
    });
  });

  it('refuses a name sent twice in the same place with -1101', () => {
    for (const [query, body] of [
      ['a=1&a=2', ''],
      ['', 'a=1&a=1'],
    ] as const) {
      expect(parseParams(query, body)).toEqual({
        ok: false,
        error: { status: 400, code: -1101, msg: 'Duplicate values for a parameter detected.' },
      });
    }
  });

  it('takes the raw query string of a URL as sent', () => {
    expect(rawQueryOf('http://h/api/v3/order?a=%2F&b=1')).toBe('a=%2F&b=1');
    expect(rawQueryOf('http://h/api/v3/order')).toBe('');
  });
});
