import { armingErrorSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { invalidRequestReply } from './invalid-request.js';

describe('invalidRequestReply', () => {
  it('names every problem', async () => {
    expect(
      await invalidRequestReply({ issues: ['operator: required', 'reason: required'] }),
    ).toEqual({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: 'The request is invalid: operator: required; reason: required.',
      },
    });
  });

  it('stays within the 1000 characters a message may have', async () => {
    const reply = await invalidRequestReply({ issues: ['x'.repeat(2000)] });
    expect(reply.error.message).toHaveLength(1000);
    expect(armingErrorSchema.safeParse(reply.error).success).toBe(true);
  });
});
