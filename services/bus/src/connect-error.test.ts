import { describe, expect, it } from 'vitest';
import { BusConnectError } from './errors.js';
import { connectError, isTransientBusError, redactUrl } from './connect-error.js';

function named(name: string, message: string, code?: string): Error {
  const err = new Error(message);
  err.name = name;
  return Object.assign(err, code === undefined ? {} : { code });
}

describe('connect error', () => {
  it('names NATS_URL and a readable cause in one line', () => {
    const url = 'nats://127.0.0.1:1';
    const cases: [unknown, string][] = [
      [named('ConnectionError', 'connection refused'), 'connection refused'],
      [named('TimeoutError', 'timeout'), 'timed out after 2000 ms waiting for the server'],
      [named('TypeError', 'Invalid URL', 'ERR_INVALID_URL'), 'not a valid URL'],
      [
        named('Error', 'getaddrinfo ENOTFOUND x', 'ENOTFOUND'),
        'host not found (getaddrinfo ENOTFOUND x)',
      ],
      [
        named('Error', 'getaddrinfo EAI_AGAIN x', 'EAI_AGAIN'),
        'host not found (getaddrinfo EAI_AGAIN x)',
      ],
      [
        named('AuthorizationError', "'Authorization Violation'"),
        'authorization failed (check the credentials)',
      ],
      [
        named('JetStreamNotEnabled', 'x'),
        'JetStream is not enabled on this server (start it with -js)',
      ],
      [named('Error', 'first\n  second'), 'first second'],
      ['a string', 'a string'],
    ];
    for (const [err, text] of cases) {
      const e = connectError(url, err, 2000);
      expect(e.message).toBe(`NATS_URL ${url}: ${text}`);
      expect(e.code).toBe('CONNECT_FAILED');
      expect(e.cause).toBe(err);
    }
  });

  it('never repeats credentials from the URL', () => {
    expect(redactUrl('nats://alice:s3cret@host:4222,nats://bob@h2')).toBe(
      'nats://***@host:4222,nats://***@h2',
    );
    expect(connectError('nats://u:pw@h:1', new Error('x'), 1).message).toBe(
      'NATS_URL nats://***@h:1: x',
    );
  });
});

describe('isTransientBusError', () => {
  const url = 'nats://127.0.0.1:1';
  it('is true for a server that is not there yet: refused, timed out, host unknown, anything unclassified', () => {
    for (const err of [
      named('ConnectionError', 'connection refused'),
      named('TimeoutError', 'timeout'),
      named('Error', 'getaddrinfo ENOTFOUND x', 'ENOTFOUND'),
      named('Error', 'getaddrinfo EAI_AGAIN x', 'EAI_AGAIN'),
      named('Error', 'socket hang up', 'ECONNRESET'),
      'a string',
    ])
      expect(isTransientBusError(connectError(url, err, 1))).toBe(true);
  });

  it('is false for a configuration error (bad URL, credentials refused, no JetStream) and other errors', () => {
    for (const err of [
      named('TypeError', 'Invalid URL', 'ERR_INVALID_URL'),
      named('AuthorizationError', "'Authorization Violation'"),
      named('JetStreamNotEnabled', 'x'),
    ])
      expect(isTransientBusError(connectError(url, err, 1))).toBe(false);
    expect(isTransientBusError(new BusConnectError('NATS_URL is empty'))).toBe(false);
    expect(isTransientBusError(new Error('connection refused'))).toBe(false);
  });
});
