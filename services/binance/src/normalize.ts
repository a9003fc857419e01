interface BigNumberLike {
  readonly _isBigNumber: true;
  toFixed(): string;
}

function isBigNumber(value: object): value is BigNumberLike {
  return (value as { _isBigNumber?: unknown })._isBigNumber === true;
}

/**
 * Turns a binance-api-node response into plain JSON data: json-bigint's `BigNumber` ids become
 * exact decimal strings, and its null-prototype objects become ordinary objects (so zod, spread
 * and equality checks behave). Keys such as `__proto__` stay own data properties.
 */
export function toPlain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isBigNumber(value)) return value.toFixed();
  // A loop, not Object.fromEntries over entries: this runs on every field of every order of a page.
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = toPlain((value as Record<string, unknown>)[key]);
    if (key === '__proto__') {
      Object.defineProperty(plain, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else plain[key] = item;
  }
  return plain;
}
