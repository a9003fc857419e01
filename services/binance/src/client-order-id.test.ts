import { describe, expect, it } from 'vitest';
import { CLIENT_ORDER_ID_PREFIX, clientOrderIdFor, isOurClientOrderId } from './client-order-id.js';

describe('clientOrderIdFor', () => {
  it('gives the same id for the same key and different ids for different keys', () => {
    expect(clientOrderIdFor('intent-1')).toBe(clientOrderIdFor('intent-1'));
    expect(clientOrderIdFor('intent-1')).not.toBe(clientOrderIdFor('intent-2'));
  });

  it('is at most 36 characters of [A-Za-z0-9_-] with the fixed prefix', () => {
    for (const key of ['a', 'x'.repeat(500), 'ünïcødé key/with spaces', '']) {
      const id = clientOrderIdFor(key);
      expect(id.length).toBeLessThanOrEqual(36);
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(id.startsWith(CLIENT_ORDER_ID_PREFIX)).toBe(true);
    }
  });

  it('is stable across releases (a pinned value)', () => {
    expect(clientOrderIdFor('intent-1')).toBe('lg-MlFCvp7uATsLVdqSzLxIo5i00wnZFYVFK');
  });
});

describe('isOurClientOrderId', () => {
  it('recognises ids made by clientOrderIdFor', () => {
    expect(isOurClientOrderId(clientOrderIdFor('k'))).toBe(true);
  });

  it.each([
    'x-TKT5PX2F0123456789abcdef012345',
    '6gCrw2kRUAF9CvJDGP16IP',
    'lg-short',
    `lg-${'a'.repeat(34)}`,
    'lg-zfGRdQHV7vkUAc3mtcSI8U9-dtj5XQIo!',
  ])('refuses %s', (id) => {
    expect(isOurClientOrderId(id)).toBe(false);
  });
});
