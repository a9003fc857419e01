import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toPlain } from './normalize.js';

// The very parser binance-api-node uses, so the test sees the library's real shapes.
const requireFromLibrary = createRequire(
  createRequire(import.meta.url).resolve('binance-api-node'),
);
const JSONbig = requireFromLibrary('json-bigint') as { parse(text: string): unknown };

describe('toPlain', () => {
  it('turns BigNumber ids into exact strings and null-prototype objects into plain ones', () => {
    const parsed = JSONbig.parse(
      '{"orderId":12345678901234567,"small":42,"nested":{"list":[{"tradeId":98765432109876543210}]},"price":"1.00"}',
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBeNull();

    const plain = toPlain(parsed);

    expect(plain).toStrictEqual({
      orderId: '12345678901234567',
      small: 42,
      nested: { list: [{ tradeId: '98765432109876543210' }] },
      price: '1.00',
    });
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  });

  it('keeps primitives and null as they are', () => {
    expect(toPlain(null)).toBeNull();
    expect(toPlain('x')).toBe('x');
    expect(toPlain(true)).toBe(true);
  });

  it('keeps a "__proto__" key as data instead of changing the prototype', () => {
    const plain = toPlain(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.hasOwn(plain, '__proto__')).toBe(true);
    expect((plain as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
