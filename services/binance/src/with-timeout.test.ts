import { describe, expect, it } from 'vitest';
import { VenueTimeoutError, withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('passes a value through', async () => {
    await expect(withTimeout(async () => 7, 1_000)).resolves.toBe(7);
  });

  it('passes a rejection through, and turns a synchronous throw into one', async () => {
    await expect(withTimeout(() => Promise.reject(new Error('boom')), 1_000)).rejects.toThrow(
      'boom',
    );
    await expect(
      withTimeout(() => {
        throw new Error('sync');
      }, 1_000),
    ).rejects.toThrow('sync');
  });

  it('rejects with VenueTimeoutError when the call never settles', async () => {
    const err = await withTimeout(() => new Promise<never>(() => {}), 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VenueTimeoutError);
    expect(err).toMatchObject({ timeoutMs: 5, message: 'no answer within 5 ms' });
  });
});
