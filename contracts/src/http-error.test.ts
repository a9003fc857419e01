import { describe, expect, it } from 'vitest';
import { ErrorCode, errorCodeSchema, httpErrorBodySchema } from './http-error.js';
import { parseResult } from './issues.js';

describe('httpErrorBodySchema', () => {
  it('accepts HTTP codes and arming codes, with optional details', () => {
    const body = {
      error: {
        code: 'BAD_REQUEST',
        message: 'The body is invalid.',
        details: { issues: ['symbol: required'] },
      },
    };
    expect(httpErrorBodySchema.parse(body)).toEqual(body);
    expect(
      parseResult(httpErrorBodySchema, {
        error: { code: ErrorCode.TOKEN_EXPIRED, message: 'The arm token expired.' },
      }).ok,
    ).toBe(true);
  });

  it('lists each code once', () => {
    const codes = errorCodeSchema.options;
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(
      expect.arrayContaining([
        'ORIGIN_REJECTED',
        'UNAVAILABLE',
        'RATE_LIMITED',
        'WRONG_PHRASE',
        'NOT_AUTHORIZED',
      ]),
    );
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(1);
  });

  it('refuses an unknown code and a blank message', () => {
    expect(
      parseResult(httpErrorBodySchema, { error: { code: 'TEAPOT', message: ' ' } }),
    ).toMatchObject({
      ok: false,
      issues: [
        expect.stringMatching(/^error\.code: Invalid option: expected one of "BAD_REQUEST"/),
        'error.message: must not be blank',
      ],
    });
    expect(parseResult(httpErrorBodySchema, {})).toEqual({
      ok: false,
      issues: ['error: required'],
    });
  });
});
