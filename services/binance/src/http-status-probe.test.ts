import diagnostics from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireHttpStatusProbe,
  parseRetryAfter,
  type HttpStatusProbe,
} from './http-status-probe.js';

const channel = diagnostics.channel('http.client.response.finish');

function answer(
  path: string,
  statusCode: number | undefined,
  headers: Record<string, string | string[]> = {},
) {
  channel.publish({ request: { path }, response: { statusCode, headers } });
}

describe('http status probe', () => {
  const held: HttpStatusProbe[] = [];
  afterEach(() => {
    for (const probe of held.splice(0)) probe.release();
  });
  const acquire = () => {
    const probe = acquireHttpStatusProbe();
    held.push(probe);
    return probe;
  };

  it('hands the status and Retry-After of an error answer to the matching URL, once', () => {
    const probe = acquire();
    answer('/api/v3/order?a=1&signature=ff', 429, { 'retry-after': '7' });
    expect(probe.take('http://127.0.0.1:1/api/v3/order?a=1&signature=ff')).toEqual({
      status: 429,
      retryAfterMs: 7_000,
    });
    expect(probe.take('http://127.0.0.1:1/api/v3/order?a=1&signature=ff')).toBeUndefined();
  });

  it('ignores successful answers and unusable urls', () => {
    const probe = acquire();
    answer('/ok', 200);
    answer('/no-status', undefined);
    expect(probe.take('http://h/ok')).toBeUndefined();
    expect(probe.take('http://h/no-status')).toBeUndefined();
    expect(probe.take('not a url')).toBeUndefined();
    expect(probe.take(undefined)).toBeUndefined();
  });

  it('keeps a bounded number of entries, dropping the oldest', () => {
    const probe = acquire();
    for (let i = 0; i < 600; i += 1) answer(`/p${i}`, 500);
    expect(probe.take('http://h/p0')).toBeUndefined();
    expect(probe.take('http://h/p599')).toEqual({ status: 500, retryAfterMs: undefined });
  });

  it('stops listening when the last holder releases (release is idempotent)', () => {
    const first = acquire();
    const second = acquireHttpStatusProbe();
    second.release();
    second.release();
    answer('/still', 503);
    expect(first.take('http://h/still')).toEqual({ status: 503, retryAfterMs: undefined });
    first.release();
    answer('/gone', 503);
    const third = acquire();
    expect(third.take('http://h/gone')).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['12', 12_000],
    [' 3 ', 3_000],
    [['5', '9'], 5_000],
    ['Wed, 21 Oct 2015 07:28:00 GMT', undefined],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value)).toBe(expected);
  });
});
