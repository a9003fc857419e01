import { describe, expect, it } from 'vitest';
import { DbConnectError, describeConnectFailure, isTransientDbError } from './db-connect-error.js';

function err(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeConnectFailure', () => {
  it('recognises the failures an operator can fix', () => {
    expect(describeConnectFailure(err('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'))).toEqual(
      {
        code: 'CONNECTION_REFUSED',
        reason: 'connection refused (is PostgreSQL running there?)',
      },
    );
    expect(describeConnectFailure(err('ENOTFOUND', 'getaddrinfo ENOTFOUND db'))).toEqual({
      code: 'HOST_NOT_FOUND',
      reason: 'host not found (getaddrinfo ENOTFOUND db)',
    });
    expect(describeConnectFailure(err('EAI_AGAIN', 'x')).code).toBe('HOST_NOT_FOUND');
    expect(describeConnectFailure(err('ETIMEDOUT', 'x')).code).toBe('TIMEOUT');
    expect(
      describeConnectFailure(new Error('Connection terminated due to connection timeout')),
    ).toEqual({
      code: 'TIMEOUT',
      reason: 'connection timed out',
    });
    expect(
      describeConnectFailure(err('28P01', 'password authentication failed for user "app"')),
    ).toEqual({
      code: 'AUTH_FAILED',
      reason: 'authentication failed: password authentication failed for user "app"',
    });
    expect(describeConnectFailure(err('28000', 'role "x" does not exist')).code).toBe(
      'AUTH_FAILED',
    );
    expect(describeConnectFailure(err('3D000', 'database "nope" does not exist'))).toEqual({
      code: 'UNKNOWN_DATABASE',
      reason: 'unknown database: database "nope" does not exist (create it first)',
    });
  });

  it('looks inside an AggregateError from a multi-address connect', () => {
    const agg = new AggregateError(
      [err('ECONNREFUSED', 'a'), err('ECONNREFUSED', 'b')],
      'all failed',
    );
    expect(describeConnectFailure(agg).code).toBe('CONNECTION_REFUSED');
    expect(describeConnectFailure(new AggregateError([], 'none')).reason).toBe('none');
  });

  it('keeps anything else to its first line, and copes with non-errors', () => {
    expect(describeConnectFailure(err('XX000', 'boom\ndetail'))).toEqual({
      code: 'CONNECT_FAILED',
      reason: 'boom',
    });
    expect(describeConnectFailure('just text')).toEqual({
      code: 'CONNECT_FAILED',
      reason: 'just text',
    });
    expect(describeConnectFailure({ code: 7 })).toEqual({
      code: 'CONNECT_FAILED',
      reason: 'connection failed',
    });
  });
});

describe('DbConnectError', () => {
  it('is one line naming DATABASE_URL, the URL and the reason', () => {
    const e = new DbConnectError('CONNECTION_REFUSED', 'postgres://h/d', 'connection refused');
    expect(e.message).toBe('DATABASE_URL postgres://h/d: connection refused');
    expect(e).toMatchObject({
      name: 'DbConnectError',
      code: 'CONNECTION_REFUSED',
      url: 'postgres://h/d',
    });
  });
});

describe('isTransientDbError', () => {
  it('is true for what a later attempt can find fixed: a server or database not there yet', () => {
    for (const code of [
      'CONNECTION_REFUSED',
      'HOST_NOT_FOUND',
      'TIMEOUT',
      'UNKNOWN_DATABASE',
      'CONNECT_FAILED',
    ] as const)
      expect([code, isTransientDbError(new DbConnectError(code, 'u', 'r'))]).toEqual([code, true]);
  });

  it('is false for a configuration error (a malformed URL, a login refused) and anything not a DbConnectError', () => {
    for (const code of ['BAD_URL', 'AUTH_FAILED'] as const)
      expect([code, isTransientDbError(new DbConnectError(code, 'u', 'r'))]).toEqual([code, false]);
    expect(isTransientDbError(new Error('connection refused'))).toBe(false);
    expect(isTransientDbError('CONNECTION_REFUSED')).toBe(false);
  });
});
