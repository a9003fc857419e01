import { armTokenSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { hashArmToken, newArmToken } from './arm-token.js';

describe('arm tokens', () => {
  it('are 64 lowercase hex characters and differ every time', () => {
    const a = newArmToken();
    expect(armTokenSchema.safeParse(a).success).toBe(true);
    expect(newArmToken()).not.toBe(a);
  });

  it('are stored as their sha256, which is not the token', () => {
    expect(hashArmToken('a'.repeat(64))).toBe(
      'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb',
    );
    const token = newArmToken();
    expect(hashArmToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashArmToken(token)).not.toBe(token);
  });
});
