import { armingErrorCodeSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { armingErrorStatus } from './arming-client.js';

describe('armingErrorStatus', () => {
  it('maps refusals of the request to 400, of the current state to 409, rate limits to 429', () => {
    const byStatus: Record<string, string[]> = {};
    for (const code of armingErrorCodeSchema.options) {
      (byStatus[armingErrorStatus(code)] ??= []).push(code);
    }
    expect(byStatus).toEqual({
      400: [
        'TOKEN_MISSING',
        'TOKEN_MALFORMED',
        'TOKEN_UNKNOWN',
        'TOKEN_OTHER_OPERATOR',
        'WRONG_PHRASE',
        'INVALID_REQUEST',
      ],
      409: [
        'TOKEN_EXPIRED',
        'TOKEN_USED',
        'ALREADY_LIVE',
        'HALTED',
        'NOT_LIVE',
        'NOT_HALTED',
        'RECONCILE_PENDING',
        'SECOND_OPERATOR_REQUIRED',
      ],
      403: ['NOT_AUTHORIZED', 'OPERATOR_UNKNOWN', 'OPERATOR_DISABLED', 'OPERATOR_NOT_ALLOWED'],
      429: ['RATE_LIMITED'],
    });
  });
});
