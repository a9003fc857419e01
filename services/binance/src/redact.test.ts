import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.js';

describe('createRedactor', () => {
  const redact = createRedactor(['canary-secret', 'canary-key', '']);

  it('removes signatures and every given secret', () => {
    const text =
      'GET http://h/api/v3/order?symbol=X&timestamp=1&signature=abcdef0123 failed canary-secret canary-key canary-secret';
    const out = redact(text);
    expect(out).not.toMatch(/abcdef0123|canary-secret|canary-key/);
    expect(out).toContain('signature=[redacted]');
  });

  it('bounds the length', () => {
    const out = redact('x'.repeat(1000));
    expect(out).toHaveLength(301);
    expect(out.endsWith('…')).toBe(true);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('Filter failure: LOT_SIZE')).toBe('Filter failure: LOT_SIZE');
  });
});
